package dev.herald.scheduler.trigger;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * The built-in triggers, and {@link #parse(String)} to rebuild any of them from its {@link
 * Trigger#spec()}.
 *
 * <p>STUB: implemented by the trigger work package.
 */
public final class Triggers {
  private Triggers() {}

  public static Trigger cron(String expression, ZoneId zone) {
    throw new UnsupportedOperationException("TODO");
  }

  public static Trigger cron(String expression) {
    throw new UnsupportedOperationException("TODO");
  }

  public static IntervalTrigger every(Duration period) {
    throw new UnsupportedOperationException("TODO");
  }

  public static Trigger once(Instant at) {
    throw new UnsupportedOperationException("TODO");
  }

  public static Trigger daily(LocalTime time, ZoneId zone) {
    throw new UnsupportedOperationException("TODO");
  }

  public static Trigger parse(String spec) {
    throw new UnsupportedOperationException("TODO");
  }
}
