package dev.herald.examples;

import dev.herald.scheduler.publish.PostStatus;
import dev.herald.scheduler.publish.TargetState;
import dev.herald.scheduler.publish.TargetStatus;
import java.io.Console;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the demo prints: a header, the posts of earlier runs, a live table of this run's targets,
 * and a summary. The table has one row per target of a post (post, platform, account, state,
 * attempts, and the remote id and URL once published, or what it waits for). {@link #update}
 * redraws it in place with ANSI escapes on an interactive terminal; elsewhere (CI logs, a file) it
 * prints the table again only when a row changed.
 *
 * <p>Not threadsafe: one thread prints.
 */
final class DemoConsole {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
  private static final String ROW = "  %-14s %-10s %-24s %-12s %8s  %s";
  private static final int MAX_DETAIL = 80;

  /** Earlier runs listed in full; older ones are counted. */
  private static final int EARLIER_RUNS_SHOWN = 3;

  private final PrintStream out;
  private final boolean ansi;
  private Instant tableStart;
  private List<Row> shown = List.of();
  private int linesOnScreen;

  /** Prints to {@code out}, redrawing the table with ANSI escapes if {@code ansi}. */
  DemoConsole(PrintStream out, boolean ansi) {
    this.out = out;
    this.ansi = ansi;
  }

  /**
   * Whether standard output is an interactive terminal that understands ANSI escapes: a console
   * exists (from Java 22 on, one that {@code isTerminal()}), and {@code TERM} is not {@code dumb}.
   */
  static boolean interactive() {
    Console console = System.console();
    if (console == null || "dumb".equals(System.getenv("TERM"))) {
      return false;
    }
    try { // Java 22+ returns a console for redirected output too; isTerminal() tells them apart
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // before Java 22, a console is a terminal
    }
  }

  /** What this run works with: the database, the platforms, the jobs. */
  void header(int run, Path database, List<String> platforms, String jobs) {
    out.println("Herald demo, run " + run + ": a scheduled-posts service in miniature");
    out.println("  Database   H2 file " + database.toAbsolutePath() + ".mv.db, kept between runs");
    platforms.forEach(line -> out.println("  " + line));
    out.println("  Jobs       " + jobs);
  }

  /** The posts of earlier runs, newest runs in full, older ones counted. */
  void earlierPosts(List<PostStatus> earlier) {
    if (earlier.isEmpty()) {
      out.println(
          "\nNo posts in the database yet: this is the first run. Run the demo again to see this"
              + " run's posts read back from it.");
      return;
    }
    Map<Integer, List<PostStatus>> byRun = new TreeMap<>(Comparator.reverseOrder());
    for (PostStatus post : earlier) {
      byRun.computeIfAbsent(DemoMain.runOf(post.postId()), r -> new ArrayList<>()).add(post);
    }
    List<PostStatus> shownPosts =
        byRun.values().stream()
            .limit(EARLIER_RUNS_SHOWN)
            .flatMap(List::stream)
            .sorted(Comparator.comparingInt(p -> DemoMain.runOf(p.postId())))
            .toList();
    out.println("\nPosts of earlier runs, read back from the database:");
    printRows(rows(shownPosts));
    if (byRun.size() > EARLIER_RUNS_SHOWN) {
      out.printf(
          "  … and %d posts of %d older runs%n",
          earlier.size() - shownPosts.size(), byRun.size() - EARLIER_RUNS_SHOWN);
    }
  }

  /** Announces the live table. */
  void scheduled(int run, int posts, Duration firstIn) {
    out.printf(
        "%nRun %d schedules %d posts, the first due in %d s; their targets as Herald publishes"
            + " them:%n",
        run, posts, firstIn.toSeconds());
  }

  /** Shows the targets of {@code posts}, if anything changed since the last update. */
  void update(List<PostStatus> posts) {
    List<Row> rows = rows(posts);
    if (rows.equals(shown)) {
      return;
    }
    shown = rows;
    if (tableStart == null) {
      tableStart = Instant.now();
    }
    if (ansi) {
      // back up to the table's first line and clear below; clip long lines instead of wrapping
      // them, so that the table keeps its height
      out.print((linesOnScreen > 0 ? "\033[" + linesOnScreen + "F\033[J" : "") + "\033[?7l");
    }
    Duration elapsed = Duration.between(tableStart, Instant.now());
    out.printf("  at +%d.%d s%n", elapsed.toSeconds(), elapsed.toMillisPart() / 100);
    linesOnScreen = 1 + printRows(rows);
    if (ansi) {
      out.print("\033[?7h");
    }
    out.flush();
  }

  /** What the run did, and what went wrong if anything did. */
  void summary(DemoMain.Result result, int storedPosts, Path database) {
    Map<String, Integer> published = new TreeMap<>();
    int targets = 0;
    for (PostStatus post : result.posts()) {
      for (TargetStatus t : post.targets()) {
        targets++;
        if (t.state() == TargetState.PUBLISHED) {
          published.merge(t.target().platform(), 1, Integer::sum);
        }
      }
    }
    List<String> perPlatform = new ArrayList<>();
    published.forEach((platform, count) -> perPlatform.add(platform + " " + count));
    int total = published.values().stream().mapToInt(Integer::intValue).sum();

    out.printf("%nSummary of run %d%n", result.run());
    out.printf(
        "  Published  %d of %d targets: %s%n",
        total, targets, perPlatform.isEmpty() ? "none" : String.join(", ", perPlatform));
    out.println("  Problems   " + (result.problems().isEmpty() ? "none" : ""));
    result.problems().forEach(problem -> out.println("    " + problem));
    out.printf(
        "  Jobs       %s ran %d times; %s renewed carol's Pixelfed token: it expired %s, now %s%n",
        DemoMain.HEARTBEAT,
        result.heartbeats(),
        DemoMain.TOKEN_REFRESH,
        result.tokenExpiredAt().truncatedTo(ChronoUnit.SECONDS),
        result.tokenExpiresAt().truncatedTo(ChronoUnit.SECONDS));
    out.printf(
        "  Database   %d posts of %d run%s in %s.mv.db; run the demo again to see them%n",
        storedPosts, result.run(), result.run() == 1 ? "" : "s", database);
  }

  private int printRows(List<Row> rows) {
    out.println(
        String.format(
                ROW,
                "post",
                "platform",
                "account",
                "state",
                "attempts",
                "remote id and URL, or what it waits for")
            .stripTrailing());
    for (Row row : rows) {
      String line =
          String.format(
                  ROW,
                  row.post(),
                  row.platform(),
                  row.account(),
                  row.state(),
                  row.attempts(),
                  row.detail())
              .stripTrailing();
      out.println(ansi ? colour(line, row.state()) : line);
    }
    return 1 + rows.size();
  }

  private static List<Row> rows(List<PostStatus> posts) {
    List<Row> rows = new ArrayList<>();
    for (PostStatus post : posts) {
      String postId = post.postId();
      for (TargetStatus t : post.targets()) {
        rows.add(
            new Row(
                postId,
                t.target().platform(),
                t.target().account() + t.target().instance().map(i -> "@" + i).orElse(""),
                t.state(),
                t.attempts(),
                detail(t)));
        postId = ""; // the post's id on its first row only
      }
    }
    return rows;
  }

  private static String detail(TargetStatus t) {
    String due = t.nextAttemptAt().map(at -> "due " + TIME.format(at)).orElse("");
    return switch (t.state()) {
      case PUBLISHED ->
          t.remoteId().orElse("") + t.url().map(url -> "  " + url).orElse("");
      case SCHEDULED ->
          t.lastError().map(error -> shorten(due + " (" + error + ")")).orElse(due);
      case PUBLISHING -> "calling " + t.target().platform() + "…";
      case FAILED, NEEDS_REVIEW, CANCELLED -> t.lastError().map(DemoConsole::shorten).orElse("");
    };
  }

  private static String shorten(String text) {
    return text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL - 1) + "…" : text;
  }

  private static String colour(String line, TargetState state) {
    String code =
        switch (state) {
          case PUBLISHED -> "32"; // green
          case PUBLISHING -> "33"; // yellow
          case SCHEDULED, CANCELLED -> "0";
          case FAILED, NEEDS_REVIEW -> "31"; // red
        };
    return "\033[" + code + "m" + line + "\033[0m";
  }

  private record Row(
      String post,
      String platform,
      String account,
      TargetState state,
      int attempts,
      String detail) {}
}
