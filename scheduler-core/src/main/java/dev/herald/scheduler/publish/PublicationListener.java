package dev.herald.scheduler.publish;

/**
 * Told about every change in a publication's state ({@link PublicationEvent.Kind}): registered with
 * {@link Publishing.Builder#listener(PublicationListener)}.
 *
 * <p>Each event is stored in the same transaction as the state change it reports and delivered by
 * a Herald job of type {@value Publishing#EVENT_TYPE}, on whichever node runs it, after the
 * change is durable. Delivery is at least once: a listener that throws, or a node that dies while
 * delivering, makes the job call every listener again later with the same event (same {@link
 * PublicationEvent#eventId()}). Register the same listeners on every node.
 *
 * <p>Implementations must be threadsafe: events of different publications are delivered
 * concurrently, by the scheduler's worker threads.
 */
@FunctionalInterface
public interface PublicationListener {
  /**
   * Called once per delivery of {@code event}. An exception fails the delivery, which is retried
   * with backoff.
   *
   * @param event the state change
   */
  void onEvent(PublicationEvent event);
}
