package dev.herald.scheduler.internal.publish;

import dev.herald.scheduler.internal.Preconditions;
import dev.herald.scheduler.publish.PublishProgress;
import java.util.Map;
import java.util.Optional;

/**
 * {@link PublishProgress#inMemory()}: entries kept in this object, checked as Herald's durable
 * progress checks them. Threadsafe: an immutable map replaced under the object's lock.
 */
public final class InMemoryPublishProgress implements PublishProgress {
  private volatile Map<String, String> entries = Map.of();

  /** An empty progress; use {@link PublishProgress#inMemory()}. */
  public InMemoryPublishProgress() {}

  @Override
  public Optional<String> get(String name) {
    Preconditions.notNull(name, "name");
    return Optional.ofNullable(entries.get(name));
  }

  @Override
  public synchronized void record(String name, String value) {
    entries = ProgressEntries.with(entries, name, value);
  }

  @Override
  public String toString() {
    return "PublishProgress.inMemory" + entries;
  }
}
