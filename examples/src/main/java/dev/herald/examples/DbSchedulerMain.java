package dev.herald.examples;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.logging.LogLevel;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.herald.examples.PublishPostTask.PostData;
import dev.herald.platforms.mastodon.MastodonPublisher;
import dev.herald.platforms.testing.FakeMastodon;
import dev.herald.platforms.testing.Fault;
import dev.herald.platforms.testing.LedgerEntry;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.credentials.TokenStore;
import dev.herald.scheduler.publish.PublishResult.Published;
import dev.herald.scheduler.publish.PublishResult.RateLimited;
import dev.herald.scheduler.publish.PublishResult.Rejected;
import dev.herald.scheduler.publish.PublishResult.RetryLater;
import dev.herald.scheduler.publish.PublishResult.Unknown;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.Target;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * For teams already on <a href="https://github.com/kagkarlsson/db-scheduler">db-scheduler</a>:
 * Herald's platform publishers called from a db-scheduler task, without Herald's scheduler. The
 * task, {@link PublishPostTask}, publishes one post per execution with a {@link MastodonPublisher}
 * and turns each kind of {@link PublishResult} into what db-scheduler does next: done, rescheduled
 * (RetryLater, RateLimited), stopped (Rejected, AuthExpired), or, for Unknown, sent again with the
 * same idempotency key only while the platform deduplicates by it, else stopped for review.
 *
 * <p>Everything runs in-process: db-scheduler on an in-memory H2 database, in its own {@code
 * scheduled_tasks} table, and a {@link FakeMastodon} on loopback, which is told to answer the first
 * three status requests with HTTP 503, HTTP 429 and a dropped connection, so that every branch
 * runs. It prints each execution, each post's outcome with its remote id and URL, and the fake's
 * ledger of what it published. Run it with
 *
 * <pre>
 * mvn -B -q -pl examples -am compile -Prun -Dexample=DbSchedulerMain
 * </pre>
 *
 * <p>db-scheduler depends on slf4j-api 1.7; Herald's parent pom manages slf4j 2.x explicitly, which
 * db-scheduler works with, so that one slf4j binding serves both.
 */
public final class DbSchedulerMain {
  /** The Mastodon account the posts go to. */
  static final String ACCOUNT = "herald-demo";

  /**
   * db-scheduler's table, after its PostgreSQL and HSQLDB definitions ({@code
   * db-scheduler/src/test/resources/postgresql_tables.sql}, {@code hsql_tables.sql} in v16.7.0),
   * with H2's types.
   */
  private static final String SCHEDULED_TASKS_DDL =
      """
      CREATE TABLE scheduled_tasks (
        task_name VARCHAR(100) NOT NULL,
        task_instance VARCHAR(100) NOT NULL,
        task_data BLOB,
        execution_time TIMESTAMP WITH TIME ZONE NOT NULL,
        picked BOOLEAN NOT NULL,
        picked_by VARCHAR(50),
        last_success TIMESTAMP WITH TIME ZONE,
        last_failure TIMESTAMP WITH TIME ZONE,
        consecutive_failures INT,
        last_heartbeat TIMESTAMP WITH TIME ZONE,
        version BIGINT NOT NULL,
        priority SMALLINT,
        PRIMARY KEY (task_name, task_instance)
      );
      CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
      CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
      """;

  private DbSchedulerMain() {}

  /**
   * One execution of the task: the publisher's result and what the task did with it.
   *
   * @param post the task instance id
   * @param attempt 1 for the first execution of this post
   * @param result what the publisher returned
   * @param action what db-scheduler was told to do
   */
  record Attempt(String post, int attempt, PublishResult result, String action) {}

  /**
   * What the demo did.
   *
   * @param attempts every execution, in order
   * @param outcomes each post's last result: {@link Published}, {@link Rejected} or {@link
   *     Unknown}, by post id in the order the posts were scheduled
   * @param ledger what the fake Mastodon published
   * @param executionsLeft the executions left in {@code scheduled_tasks} at the end
   */
  record Result(
      List<Attempt> attempts,
      Map<String, PublishResult> outcomes,
      List<LedgerEntry> ledger,
      int executionsLeft) {}

  public static void main(String[] args) throws InterruptedException {
    run(System.out);
  }

  /** Runs the demo, printing to {@code out}. */
  static Result run(PrintStream out) throws InterruptedException {
    Map<String, String> posts = new LinkedHashMap<>();
    posts.put("busy", "Published on the second try: a 503 may follow a created status, so the"
        + " task sent it again with the same key.");
    posts.put("rate-limited", "Published when the rate limit lifted (429, Retry-After: 2).");
    posts.put("lost", "Published once, although the response to the first try was lost.");
    posts.put("plain", "Hello from a db-scheduler task, published by Herald's Mastodon publisher.");
    posts.put("too-long", "Rejected before sending: " + "far too long ".repeat(45));

    String runId = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    String token = "demo-token-" + runId;
    try (FakeMastodon fake = FakeMastodon.builder().account(ACCOUNT, token).start();
        HikariDataSource dataSource = h2InMemory("db-scheduler-demo-" + runId)) {
      createScheduledTasksTable(dataSource);
      TokenStore tokens = TokenStore.inMemory();
      tokens.put(Target.of(MastodonPublisher.PLATFORM, ACCOUNT), Credentials.of(token));
      MastodonPublisher mastodon =
          MastodonPublisher.builder(fake.baseUri())
              .tokens(tokens)
              .retryDelay(Duration.ofSeconds(1)) // the delay of RetryLater results
              .build();
      fake.inject(FakeMastodon.STATUSES, Fault.status(503).times(1));
      fake.inject(FakeMastodon.STATUSES, Fault.rateLimited(Duration.ofSeconds(2)).times(1));
      fake.inject(FakeMastodon.STATUSES, Fault.dropAfterAccept().times(1));
      out.println(
          "db-scheduler on H2 in memory, with its own scheduled_tasks table; a fake Mastodon at "
              + fake.baseUri()
              + ",\nwhich answers the first status request with HTTP 503, the second with 429 "
              + "(Retry-After: 2), and drops the connection after accepting the third.");

      Progress progress = new Progress(out, posts.size());
      CustomTask<PostData> task = PublishPostTask.create(mastodon, progress);
      Scheduler scheduler =
          Scheduler.create(dataSource, task)
              .threads(1) // one at a time, in due order, so that the faults meet the posts above
              .pollingInterval(Duration.ofMillis(200))
              .alwaysPersistTimestampInUTC()
              .failureLogging(LogLevel.WARN, false)
              .shutdownMaxWait(Duration.ofSeconds(5))
              .build();
      Instant due = Instant.now().plusMillis(500).truncatedTo(ChronoUnit.MILLIS);
      out.println(
          "Scheduled "
              + posts.size()
              + " executions of db-scheduler task '"
              + task.getName()
              + "':");
      int i = 0;
      for (Map.Entry<String, String> post : posts.entrySet()) {
        Instant at = due.plusMillis(100L * i++);
        scheduler.scheduleIfNotExists(
            task.instance(post.getKey(), PostData.of(ACCOUNT, post.getValue())), at);
        out.printf("  %-13s due %s%n", post.getKey(), at);
      }

      out.println("Executions:");
      scheduler.start();
      boolean finished = progress.awaitSettled(Duration.ofSeconds(30));
      scheduler.stop();
      if (!finished) {
        out.println("Stopped waiting after 30 s.");
      }
      int left = scheduler.getScheduledExecutions().size();

      Result result =
          new Result(
              List.copyOf(progress.attempts),
              outcomesInOrder(posts, progress.outcomes),
              fake.ledger().entries(),
              left);
      print(out, result);
      return result;
    }
  }

  /** An H2 database in memory, named {@code name}, that lives until the pool is closed. */
  static HikariDataSource h2InMemory(String name) {
    HikariConfig config = new HikariConfig();
    // an in-memory database lives while a connection is open: until the pool is closed
    config.setJdbcUrl("jdbc:h2:mem:" + name);
    config.setUsername("sa");
    config.setPoolName(name);
    config.setMaximumPoolSize(4);
    return new HikariDataSource(config);
  }

  /** Creates db-scheduler's table in {@code dataSource}. */
  static void createScheduledTasksTable(DataSource dataSource) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      for (String statement : SCHEDULED_TASKS_DDL.split(";")) {
        if (!statement.isBlank()) {
          s.execute(statement);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("creating db-scheduler's table scheduled_tasks failed", e);
    }
  }

  private static Map<String, PublishResult> outcomesInOrder(
      Map<String, String> posts, Map<String, PublishResult> outcomes) {
    Map<String, PublishResult> ordered = new LinkedHashMap<>();
    posts.keySet().stream()
        .filter(outcomes::containsKey)
        .forEach(post -> ordered.put(post, outcomes.get(post)));
    return ordered;
  }

  private static void print(PrintStream out, Result result) {
    out.println("Outcomes:");
    result
        .outcomes()
        .forEach(
            (post, outcome) -> {
              if (outcome instanceof Published published) {
                out.printf(
                    "  %-13s published  id %s  %s%n",
                    post,
                    published.remoteId(),
                    published.url().map(Object::toString).orElse("(no URL)"));
              } else {
                out.printf("  %-13s %s%n", post, describe(outcome));
              }
            });
    out.println("The fake Mastodon's ledger (" + result.ledger().size() + " statuses):");
    for (LedgerEntry entry : result.ledger()) {
      out.printf("  id %s  %s%n", entry.remoteId(), entry.text());
    }
    out.println("Executions left in scheduled_tasks: " + result.executionsLeft());
  }

  /** The kind of result and its key fact, on one line. */
  private static String summary(PublishResult result) {
    if (result instanceof Published published) {
      return "Published id " + published.remoteId();
    }
    if (result instanceof RetryLater retryLater) {
      return "RetryLater after " + retryLater.after();
    }
    if (result instanceof RateLimited rateLimited) {
      return "RateLimited until " + rateLimited.until().truncatedTo(ChronoUnit.MILLIS);
    }
    if (result instanceof Rejected rejected) {
      return "Rejected " + rejected.code();
    }
    return result instanceof Unknown ? "Unknown (may be live)" : "AuthExpired";
  }

  /** The result with the platform's reason, for the outcomes that are not a publish. */
  private static String describe(PublishResult result) {
    if (result instanceof Rejected rejected) {
      return "rejected   " + rejected.code() + ": " + rejected.reason();
    }
    if (result instanceof Unknown unknown) {
      return "unknown    needs review: " + unknown.reason();
    }
    return summary(result);
  }

  /** Prints and collects what the task reports. This class is threadsafe. */
  private static final class Progress implements PublishPostTask.Reporter {
    private final PrintStream out;
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private final Map<String, PublishResult> outcomes = new ConcurrentHashMap<>();
    private final CountDownLatch unsettled;

    Progress(PrintStream out, int posts) {
      this.out = out;
      this.unsettled = new CountDownLatch(posts);
    }

    @Override
    public void executed(String post, PublishResult result, String action, boolean settled) {
      int n = (int) attempts.stream().filter(a -> a.post().equals(post)).count() + 1;
      attempts.add(new Attempt(post, n, result, action));
      out.printf("  %-13s #%d  %-42s -> %s%n", post, n, summary(result), action);
      if (settled && outcomes.putIfAbsent(post, result) == null) {
        unsettled.countDown();
      }
    }

    boolean awaitSettled(Duration timeout) throws InterruptedException {
      return unsettled.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
  }
}
