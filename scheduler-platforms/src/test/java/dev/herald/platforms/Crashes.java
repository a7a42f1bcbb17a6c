package dev.herald.platforms;

import dev.herald.scheduler.publish.PlatformCapabilities;
import dev.herald.scheduler.publish.PlatformPublisher;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostViolation;
import dev.herald.scheduler.publish.PublishProgress;
import dev.herald.scheduler.publish.PublishRequest;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.Reconciliation;
import dev.herald.scheduler.testing.ManualClock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A publish run that dies part-way, in the test's own thread: {@link NodeDied} escapes the adapter
 * as a node's death would end it, with no result and nothing more sent, while the platform goes on
 * with what it was given. The publishing job leaves its intent stored as it was (sending, with the
 * progress recorded so far), so its next run finds it unresolved, as a run on another node would
 * after the dead node's lease expired.
 */
public final class Crashes {
  private Crashes() {}

  /** What ends a run that "dies": an {@link Error}, which neither adapters nor Herald catch. */
  public static final class NodeDied extends Error {
    private static final long serialVersionUID = 1L;

    NodeDied(String where) {
      super("the node died " + where, null, false, false);
    }
  }

  /**
   * A sleeper on {@code clock} whose first wait kills the run (the first wait of a publish is the
   * first status poll after the platform accepted the upload); later waits advance the clock.
   *
   * @param clock the test's clock
   * @return the sleeper
   */
  public static Sleeper dyingAtTheFirstWait(ManualClock clock) {
    AtomicBoolean armed = new AtomicBoolean(true);
    return d -> {
      if (armed.getAndSet(false)) {
        throw new NodeDied("waiting to poll, after the platform accepted the post");
      }
      clock.advance(d);
    };
  }

  /**
   * {@code delegate}, whose first publish dies when the adapter records {@code name} in its
   * progress: before the value is stored, so the platform call that follows it is never sent.
   *
   * @param delegate the publisher
   * @param name the progress name at which the first run dies
   * @return the wrapping publisher
   */
  public static PlatformPublisher dyingBeforeRecording(PlatformPublisher delegate, String name) {
    return new DyingPublisher(delegate, name, new AtomicBoolean(true));
  }

  private record DyingPublisher(PlatformPublisher delegate, String name, AtomicBoolean armed)
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
      PublishProgress stored = request.progress();
      PublishProgress dying = new PublishProgress() {
        @Override
        public Optional<String> get(String key) {
          return stored.get(key);
        }

        @Override
        public void record(String key, String value) {
          if (key.equals(name) && armed.getAndSet(false)) {
            throw new NodeDied("before recording " + name);
          }
          stored.record(key, value);
        }
      };
      return delegate.publish(new PublishRequest(request.post(), request.target(),
          request.idempotencyKey(), dying));
    }

    @Override
    public Reconciliation reconcile(PublishRequest request, Instant firstSentAt) {
      return delegate.reconcile(request, firstSentAt);
    }
  }
}
