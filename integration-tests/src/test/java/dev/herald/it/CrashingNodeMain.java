package dev.herald.it;

import com.zaxxer.hikari.HikariDataSource;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.jdbc.JdbcJobStore;
import dev.herald.scheduler.publish.PlatformCapabilities;
import dev.herald.scheduler.publish.PlatformPublisher;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostViolation;
import dev.herald.scheduler.publish.PublishRequest;
import dev.herald.scheduler.publish.PublishResult;
import java.util.List;

/**
 * A node that dies at the worst moment of the publish protocol: the platform has accepted the post,
 * and Herald has not recorded the result. Run in a child JVM; exits with {@link #HALTED} through
 * {@link Runtime#halt}, like a kill -9: no shutdown hook, no finally block, no completion.
 */
public final class CrashingNodeMain {
  static final int HALTED = 42;

  /** With this system property true, the node halts after any answer, not only an acceptance. */
  static final String HALT_AFTER_SENDING = "herald.it.haltAfterSending";

  private CrashingNodeMain() {}

  public static void main(String[] args) throws Exception {
    Node node = Node.fromProperties();
    HikariDataSource pool = node.pool(4);
    JdbcJobStore store = node.store(pool);
    boolean afterSending = Boolean.getBoolean(HALT_AFTER_SENDING);
    Scheduler scheduler = node.scheduler(store, node.publishing(
        publisher -> new HaltAfterAccepted(publisher, afterSending)), "doomed-node").start();
    System.out.println("STARTED " + scheduler.nodeId());
    Thread.sleep(120_000); // the halt ends this process long before
    System.exit(2);
  }

  /** Halts the JVM right after the platform accepted a post (or answered at all). */
  record HaltAfterAccepted(PlatformPublisher delegate, boolean afterSending)
      implements PlatformPublisher {
    @Override
    public String platform() {
      return delegate.platform();
    }

    @Override
    public PlatformCapabilities capabilities() {
      return delegate.capabilities();
    }

    @Override
    public List<PostViolation> validate(Post post) {
      return delegate.validate(post);
    }

    @Override
    public PublishResult publish(PublishRequest request) {
      PublishResult result = delegate.publish(request);
      if (afterSending || result instanceof PublishResult.Published) {
        System.out.println("HALTING after the platform answered: " + result);
        System.out.flush();
        Runtime.getRuntime().halt(HALTED);
      }
      return result;
    }
  }
}
