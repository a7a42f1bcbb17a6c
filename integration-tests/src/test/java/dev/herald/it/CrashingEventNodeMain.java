package dev.herald.it;

import com.zaxxer.hikari.HikariDataSource;
import dev.herald.scheduler.JobQuery;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.SchedulerClient;
import dev.herald.scheduler.jdbc.JdbcJobStore;
import dev.herald.scheduler.publish.PublicationEvent;
import dev.herald.scheduler.publish.PublicationListener;
import dev.herald.scheduler.publish.Publishing;
import dev.herald.scheduler.publish.WebhookSettings;
import dev.herald.scheduler.retry.RetryPolicy;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * A node that dies while delivering publication events: every publication of the batch is stored
 * (published, failed or parked for review), each with its event job, and the node has claimed an
 * event job and not yet called the webhook. Run in a child JVM; exits with {@link #HALTED} through
 * {@link Runtime#halt}, like a kill -9: no shutdown hook, no finally block, no completion.
 *
 * <p>The halt comes from a listener: the event job calls the listeners before it POSTs to the
 * webhook, so a halt inside the listener is after the state and the event are durable and before
 * any byte goes to the receiver. The listener first waits until no publish job is left to run, so
 * the kill cannot cut a publication short and every outcome of the batch is on the database.
 */
public final class CrashingEventNodeMain {
  static final int HALTED = 43;
  /** The publications did not all end in time: the set-up is wrong, not the code under test. */
  static final int GAVE_UP = 3;
  static final String NODE_ID = "events-doomed-node";
  /** The test receiver's URL, passed to the child as this system property. */
  static final String WEBHOOK_PROPERTY = "herald.it.webhook";
  /** Test-only shared secret; the same constant on both sides, never on a command line. */
  static final String SECRET = "whsec-it-7c41d2";

  private static final Duration PUBLICATIONS_PATIENCE = Duration.ofSeconds(60);

  private CrashingEventNodeMain() {}

  public static void main(String[] args) throws Exception {
    Node node = Node.fromProperties();
    URI webhook = URI.create(System.getProperty(WEBHOOK_PROPERTY));
    HikariDataSource pool = node.pool(4);
    JdbcJobStore store = node.store(pool);
    PublicationListener halt = new HaltOnceAllPublished(SchedulerClient.create(store));
    Scheduler scheduler = node.scheduler(store,
        node.publishing(UnaryOperator.identity(), withEvents(webhook, halt)), NODE_ID).start();
    System.out.println("STARTED " + scheduler.nodeId());
    Thread.sleep(120_000); // the halt ends this process long before
    System.exit(2);
  }

  /**
   * The event set-up every node of the test installs: the webhook at {@code url}, signed with
   * {@link #SECRET} and retried quickly, and {@code listener}.
   */
  static UnaryOperator<Publishing.Builder> withEvents(URI url, PublicationListener listener) {
    WebhookSettings webhook = WebhookSettings.builder(url, SECRET)
        .timeout(Duration.ofSeconds(10))
        .retryPolicy(RetryPolicy.builder().maxAttempts(10)
            .backoff(Duration.ofMillis(200), Duration.ofSeconds(2)).build())
        .build();
    return b -> b.webhook(webhook).listener(listener);
  }

  /**
   * Halts the JVM from inside the first event delivery, once no publish job is scheduled or
   * running. Any other worker thread that reaches the listener meanwhile waits the same way, so no
   * delivery returns and no webhook call is made before the halt.
   */
  record HaltOnceAllPublished(SchedulerClient client) implements PublicationListener {
    @Override
    public void onEvent(PublicationEvent event) {
      Instant deadline = Instant.now().plus(PUBLICATIONS_PATIENCE);
      JobQuery pending = JobQuery.builder().type(Publishing.PUBLISH_TYPE)
          .status(JobStatus.SCHEDULED, JobStatus.RUNNING).build();
      while (!client.list(pending).items().isEmpty()) {
        if (Instant.now().isAfter(deadline)) {
          System.out.println("GAVE UP: publish jobs still pending after " + PUBLICATIONS_PATIENCE
              + ": " + client.list(pending).items());
          System.out.flush();
          Runtime.getRuntime().halt(GAVE_UP);
        }
        try {
          Thread.sleep(20); // polls the database; not a timing assumption of the test
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for the publications", e);
        }
      }
      System.out.println("HALTING while delivering event " + event.eventId() + " (" + event.kind()
          + " of " + event.postId() + " to " + event.target() + "), before the webhook call");
      System.out.flush();
      Runtime.getRuntime().halt(HALTED);
    }
  }
}
