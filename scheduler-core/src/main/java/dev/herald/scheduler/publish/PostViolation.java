package dev.herald.scheduler.publish;

import static java.util.Objects.requireNonNull;

/**
 * One way a {@link Post} breaks a platform's limits, found before any network call.
 *
 * @param platform the platform whose limit is broken, e.g. {@code mastodon}
 * @param field the part of the post: {@code text}, {@code media}, {@code media[2]}, {@code title}…
 * @param message what is wrong, naming the limit and the value, e.g. "text is 612 characters;
 *     mastodon allows at most 500"
 */
public record PostViolation(String platform, String field, String message) {
  /**
   * Checks the components.
   *
   * @param platform the platform whose limit is broken
   * @param field the part of the post that breaks it
   * @param message what is wrong, with the limit and the value
   * @throws NullPointerException if a component is null
   */
  public PostViolation {
    requireNonNull(platform, "platform cannot be null");
    requireNonNull(field, "field cannot be null");
    requireNonNull(message, "message cannot be null");
  }

  @Override
  public String toString() {
    return platform + ": " + message;
  }
}
