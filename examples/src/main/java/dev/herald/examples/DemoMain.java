package dev.herald.examples;

import dev.herald.platforms.token.TokenRefreshJob;
import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.JobRequest;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.SchedulerListener;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.jdbc.JdbcJobStore;
import dev.herald.scheduler.jdbc.JdbcTokenStore;
import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostQuery;
import dev.herald.scheduler.publish.PostRequest;
import dev.herald.scheduler.publish.PostStatus;
import dev.herald.scheduler.publish.Publications;
import dev.herald.scheduler.publish.Publishing;
import dev.herald.scheduler.publish.Target;
import dev.herald.scheduler.publish.TargetState;
import dev.herald.scheduler.publish.TargetStatus;
import dev.herald.scheduler.trigger.Triggers;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;

/**
 * A scheduled-posts service in miniature, with nothing to set up: the README's first command.
 *
 * <p>It keeps its jobs in an H2 database file ({@code target/herald-demo/posts.mv.db}) and the
 * accounts' tokens in the same database, encrypted ({@link DemoKeys}); it starts fake Mastodon (two
 * instances, one publisher), Pixelfed, Facebook and Instagram servers in this process, schedules
 * three posts a few seconds ahead to several accounts on those platforms, and shows a table of
 * every target's state while Herald publishes each of them once: a rate limit is waited out, remote
 * ids and URLs are recorded. Alongside, a recurring heartbeat runs every 2 seconds and a
 * token-refresh job renews the Pixelfed token that expires tomorrow. A summary ends it; the exit
 * status is non-zero if a target was not published or a job failed.
 *
 * <p>Run it again: it first lists the posts of earlier runs, read back from the database with their
 * final states, then schedules its own.
 *
 * <p>With {@code HERALD_MASTODON_URL} and {@code HERALD_MASTODON_TOKEN} set (an instance, and an
 * access token with the {@code write:statuses} and {@code write:media} scopes), the Mastodon posts
 * go to that instance instead of the fake, unlisted; see {@link RealMastodon}. The token is never
 * printed.
 *
 * <pre>
 * mvn -B -q -pl examples -am compile -Prun
 * HERALD_MASTODON_URL=https://mastodon.example HERALD_MASTODON_TOKEN=… \
 *     mvn -B -q -pl examples -am compile -Prun
 * </pre>
 *
 * <p>An argument ({@code -Dexample.args=dir}) puts the database and the log in another directory.
 */
public final class DemoMain {
  static final String HEARTBEAT = "heartbeat";
  static final String TOKEN_REFRESH = "pixelfed-token-refresh";

  /** The posts of one run, in the order they go out; their ids are {@code run<n>-<name>}. */
  private static final List<String> POST_NAMES = List.of("launch", "photo", "digest");

  private DemoMain() {}

  /**
   * How to run the demo.
   *
   * @param dataDir where the database file and the post's photo go
   * @param firstPostIn how far ahead the first post is scheduled
   * @param spacing the time between one post and the next
   * @param timeout how long to wait for every target to be done before giving up
   * @param ansi whether to redraw the table in place with ANSI escapes
   * @param realMastodon a real Mastodon instance for the Mastodon posts, instead of the fake
   */
  record Settings(
      Path dataDir,
      Duration firstPostIn,
      Duration spacing,
      Duration timeout,
      boolean ansi,
      Optional<RealMastodon> realMastodon) {}

  /**
   * What one run did.
   *
   * @param run this run's number (one more than the highest found in the database)
   * @param earlier the posts of earlier runs, as found in the database before this run
   * @param posts this run's posts, in their final states
   * @param heartbeats how many times the heartbeat ran
   * @param tokenExpiredAt when the Pixelfed token expired before the refresh job ran
   * @param tokenExpiresAt when it expires at the end of the run
   * @param problems what went wrong; empty when every target was published and every job ran
   */
  record Result(
      int run,
      List<PostStatus> earlier,
      List<PostStatus> posts,
      int heartbeats,
      Instant tokenExpiredAt,
      Instant tokenExpiresAt,
      List<String> problems) {
    boolean succeeded() {
      return problems.isEmpty();
    }
  }

  public static void main(String[] args) throws Exception {
    Optional<RealMastodon> realMastodon;
    try {
      realMastodon = RealMastodon.from(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Path dataDir = args.length > 0 && !args[0].isBlank() ? Path.of(args[0]) : defaultDataDir();
    Path log = Files.createDirectories(dataDir).resolve("demo.log");
    // Herald logs to a file (slf4j-simple reads this at first use), so the console shows the table
    System.setProperty("org.slf4j.simpleLogger.logFile", log.toString());
    System.out.println("Herald's log: " + log);
    Settings settings =
        new Settings(
            dataDir,
            Duration.ofSeconds(3),
            Duration.ofSeconds(2),
            Duration.ofSeconds(45),
            DemoConsole.interactive(),
            realMastodon);
    System.exit(run(settings, System.out).succeeded() ? 0 : 1);
  }

  /** Runs the demo, printing to {@code out}. */
  static Result run(Settings settings, PrintStream out) throws IOException, InterruptedException {
    Path photo = writePhoto(Files.createDirectories(settings.dataDir()).resolve("photo.png"));
    Path database = settings.dataDir().resolve("posts");
    DemoConsole console = new DemoConsole(out, settings.ansi());

    // Jobs in an H2 file, and the accounts' tokens in the same database, encrypted with a key kept
    // outside it (a file beside it here; a secret manager or the environment in production)
    JdbcJobStore store = JdbcJobStore.h2File(database);
    DemoPlatforms started;
    try {
      JdbcTokenStore tokens = store.tokenStore(DemoKeys.load(settings.dataDir()));
      started = DemoPlatforms.start(settings.realMastodon(), tokens);
    } catch (RuntimeException | IOException e) {
      store.close();
      throw e;
    }
    try (DemoPlatforms platforms = started) {
      // Publishing: each post's targets published effectively once, one publisher per platform
      Publishing.Builder publishers = Publishing.builder();
      platforms.publishers().forEach(publishers::publisher);
      Publishing publishing = publishers.build();

      // The scheduler: the publish jobs, a heartbeat and a token refresh; closing it closes the
      // store
      List<JobAttempt> runs = new CopyOnWriteArrayList<>();
      Scheduler scheduler =
          publishing
              .install(Scheduler.builder())
              .store(store)
              .recurring(
                  HEARTBEAT,
                  Triggers.every(Duration.ofSeconds(2)),
                  ctx -> {}) // a service would check its dependencies or push metrics here
              .register(
                  TOKEN_REFRESH,
                  TokenRefreshJob.of(platforms.tokens(), platforms.pixelfedRefresher()))
              .schedule(
                  JobRequest.builder(TOKEN_REFRESH)
                      .id(TOKEN_REFRESH)
                      .trigger(Triggers.parse("6h"))
                      .runAtStart(true)
                      .build())
              .threads(4)
              .pollInterval(Duration.ofMillis(200))
              .shutdownGrace(Duration.ofSeconds(5))
              .listener(
                  new SchedulerListener() {
                    @Override
                    public void onJobFinished(JobAttempt attempt, JobStatus newStatus) {
                      runs.add(attempt);
                    }
                  })
              .build();
      Instant tokenExpiredAt = pixelfedTokenExpiry(platforms);

      try (scheduler) {
        Publications posts = publishing.client(scheduler.client());

        // What earlier runs left in the database
        List<PostStatus> earlier = storedPosts(posts);
        int run = earlier.stream().mapToInt(p -> runOf(p.postId())).max().orElse(0) + 1;
        console.header(
            run,
            database,
            platforms.description(),
            HEARTBEAT + " every 2 s; " + TOKEN_REFRESH + " at start and every 6 h");
        console.earlierPosts(earlier);

        // This run's posts, a few seconds ahead
        Instant first = Instant.now().plus(settings.firstPostIn());
        List<String> ids = new ArrayList<>();
        for (PostRequest request : posts(run, first, settings.spacing(), platforms, photo)) {
          ids.add(posts.schedule(request).postId());
        }
        console.scheduled(run, ids.size(), settings.firstPostIn());

        // Run, showing every target's state until each is done: redrawn in place 4 times a
        // second on a terminal, elsewhere printed again (at most once a second) when it changed
        scheduler.start();
        Duration tick = settings.ansi() ? Duration.ofMillis(250) : Duration.ofSeconds(1);
        Instant deadline = Instant.now().plus(settings.timeout());
        List<PostStatus> current = statuses(posts, ids);
        console.update(current);
        while (!(settled(current) && ran(runs, HEARTBEAT) && ran(runs, TOKEN_REFRESH))
            && Instant.now().isBefore(deadline)) {
          Thread.sleep(tick.toMillis());
          current = statuses(posts, ids);
          console.update(current);
        }

        Instant tokenExpiresAt = pixelfedTokenExpiry(platforms);
        List<String> problems = problems(current, runs, settings.timeout(), deadline);
        if (!tokenExpiresAt.isAfter(tokenExpiredAt)) {
          problems.add(TOKEN_REFRESH + " did not renew carol's Pixelfed token");
        }
        Result result =
            new Result(
                run,
                earlier,
                current,
                count(runs, HEARTBEAT),
                tokenExpiredAt,
                tokenExpiresAt,
                List.copyOf(problems));
        console.summary(result, earlier.size() + current.size(), database);
        return result;
      }
    }
  }

  /** This run's posts: a launch announcement, a photo, a digest, each to several targets. */
  private static List<PostRequest> posts(
      int run, Instant first, Duration spacing, DemoPlatforms on, Path photo) {
    List<Target> mastodon = on.mastodon(); // alice and bob on two instances; or a real account
    String altText = "A gradient from blue to orange";
    Post launch =
        Post.builder()
            .text("Run " + run + " of the Herald demo: scheduled posts, each published once.")
            .option("visibility", "unlisted") // Mastodon and Pixelfed: not on public timelines
            .build();
    Post picture =
        Post.builder()
            .text("Photo of the day, from run " + run + " of the Herald demo.")
            .addMedia(Media.image(photo.toUri()).withAltText(altText)) // a file, uploaded
            .option("visibility", "unlisted")
            .build();
    // Instagram fetches images itself, from a public https: URL (the fake takes any JPEG URL)
    URI publicCopy = URI.create("https://cdn.example.com/herald/photo-of-the-day.jpg");
    Post pictureForInstagram =
        picture.toBuilder().media(List.of(Media.image(publicCopy).withAltText(altText))).build();
    Post digest =
        Post.builder()
            .text("This week in the Herald demo, run " + run + ": three posts, four platforms.")
            .option("visibility", "unlisted")
            .build();

    PostRequest.Builder launchRequest = PostRequest.builder(postId(run, "launch"), launch);
    mastodon.forEach(launchRequest::target);
    return List.of(
        launchRequest.target(on.facebook()).at(first).build(),
        PostRequest.builder(postId(run, "photo"), picture)
            .target(on.pixelfed())
            .target(mastodon.get(0))
            .target(on.instagram(), pictureForInstagram)
            .at(first.plus(spacing))
            .build(),
        PostRequest.builder(postId(run, "digest"), digest)
            .target(mastodon.get(mastodon.size() - 1))
            .target(on.facebook())
            .at(first.plus(spacing.multipliedBy(2)))
            .build());
  }

  /** Every post of the demo in the database, by run and then in the order a run sends them. */
  private static List<PostStatus> storedPosts(Publications posts) {
    return posts
        .stream(PostQuery.builder().postIdPrefix("run").build()) // all of them, not one page
        .filter(post -> post.postId().matches("run\\d+-.+"))
        .sorted(
            Comparator.comparing(
                PostStatus::postId,
                Comparator.comparingInt(DemoMain::runOf)
                    .thenComparingInt(
                        id -> POST_NAMES.indexOf(id.substring(id.indexOf('-') + 1)))))
        .toList();
  }

  private static List<PostStatus> statuses(Publications posts, List<String> ids) {
    return ids.stream().map(posts::status).toList();
  }

  /** Whether every target is done: published, or failed, parked for review, or cancelled. */
  private static boolean settled(List<PostStatus> posts) {
    return posts.stream()
        .flatMap(p -> p.targets().stream())
        .allMatch(t -> t.state() != TargetState.SCHEDULED && t.state() != TargetState.PUBLISHING);
  }

  private static List<String> problems(
      List<PostStatus> posts, List<JobAttempt> runs, Duration timeout, Instant deadline) {
    List<String> problems = new ArrayList<>();
    if (!Instant.now().isBefore(deadline)) {
      problems.add("not everything was done after " + timeout.toSeconds() + " s");
    }
    for (PostStatus post : posts) {
      for (TargetStatus t : post.targets()) {
        if (t.state() != TargetState.PUBLISHED) {
          String error = t.lastError().map(e -> ": " + e).orElse("");
          problems.add(post.postId() + " to " + t.target() + " is " + t.state() + error);
        }
      }
    }
    for (JobAttempt attempt : runs) {
      if (!attempt.type().equals(Publishing.PUBLISH_TYPE)
          && attempt.outcome() == JobAttempt.Outcome.FAILED) {
        problems.add(attempt.jobId() + " failed: " + attempt.error());
      }
    }
    return problems;
  }

  private static Instant pixelfedTokenExpiry(DemoPlatforms platforms) {
    Target carol = platforms.pixelfed();
    Optional<Credentials> credentials = platforms.tokens().get(carol);
    return credentials.flatMap(Credentials::expiresAt).orElseThrow();
  }

  private static boolean ran(List<JobAttempt> runs, String type) {
    return count(runs, type) > 0;
  }

  private static int count(List<JobAttempt> runs, String type) {
    return (int) runs.stream().filter(a -> a.type().equals(type)).count();
  }

  private static String postId(int run, String name) {
    return "run" + run + "-" + name;
  }

  /** The run that scheduled {@code postId}. */
  static int runOf(String postId) {
    return Integer.parseInt(postId.substring("run".length(), postId.indexOf('-')));
  }

  /** A 480×270 PNG, a gradient from blue to orange, for the photo post. */
  private static Path writePhoto(Path file) throws IOException {
    BufferedImage image = new BufferedImage(480, 270, BufferedImage.TYPE_INT_RGB);
    for (int x = 0; x < image.getWidth(); x++) {
      int red = 40 + 215 * x / image.getWidth();
      for (int y = 0; y < image.getHeight(); y++) {
        int green = 90 + 60 * y / image.getHeight();
        image.setRGB(x, y, red << 16 | green << 8 | (255 - red));
      }
    }
    ImageIO.write(image, "png", file.toFile());
    return file;
  }

  private static Path defaultDataDir() {
    return Files.isDirectory(Path.of("target"))
        ? Path.of("target", "herald-demo")
        : Path.of(System.getProperty("java.io.tmpdir"), "herald-demo");
  }
}
