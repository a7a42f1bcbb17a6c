package dev.herald.platforms.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The logger categories of scheduler-platforms: public names that docs/logging.md documents, never
 * the names of internal classes.
 */
public final class Loggers {

  /**
   * {@code dev.herald.platforms.token}: token refreshes, by the refresh job, by a publisher after
   * an auth failure, and by each platform's refresher.
   */
  public static final Logger TOKEN = LoggerFactory.getLogger("dev.herald.platforms.token");

  private Loggers() {}

  /**
   * {@code dev.herald.platforms.<platform>}: one adapter (mastodon, pixelfed, instagram, facebook,
   * tiktok): its configuration when built, each publish, and at DEBUG its HTTP exchanges.
   */
  public static Logger platform(String platform) {
    return LoggerFactory.getLogger("dev.herald.platforms." + platform);
  }
}
