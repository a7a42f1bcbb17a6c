package dev.herald.platforms.tiktok;

import dev.herald.scheduler.publish.PublishResult;

/**
 * Thrown inside a publish run to end it with {@link #result}; never escapes the package. Carries no
 * stack trace.
 */
final class TikTokStop extends Exception {
  private static final long serialVersionUID = 1L;

  final transient PublishResult result;

  TikTokStop(PublishResult result) {
    super(null, null, false, false);
    this.result = result;
  }
}
