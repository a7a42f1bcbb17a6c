package dev.herald.scheduler.internal.publish;

/** A webhook receiver refused an event for good (a 4xx other than 408 and 429). */
public final class WebhookRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  WebhookRejectedException(String message) {
    super(message);
  }
}
