package dev.herald.scheduler.internal;

import java.time.Duration;

/**
 * Argument checks with one exception type per kind of mistake: null → {@link
 * NullPointerException}, bad value → {@link IllegalArgumentException}, bad state → {@link
 * IllegalStateException}. Every message names the field and the value.
 */
public final class Preconditions {
  private Preconditions() {}

  /** {@code value}, or NPE "{@code name} cannot be null". */
  public static <T> T notNull(T value, String name) {
    if (value == null) { // no message supplier: this runs several times for every job run
      throw new NullPointerException(name + " cannot be null");
    }
    return value;
  }

  /** {@code value} if neither null nor blank. */
  public static String notBlank(String value, String name) {
    notNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " cannot be blank, was '" + value + "'");
    }
    return value;
  }

  /** {@code value} if strictly positive. */
  public static Duration positive(Duration value, String name) {
    notNull(value, name);
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
    return value;
  }

  /** {@code value} if zero or positive. */
  public static Duration notNegative(Duration value, String name) {
    notNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " cannot be negative, was " + value);
    }
    return value;
  }

  /** {@code value} if at least {@code min}. */
  public static int atLeast(int value, int min, String name) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be at least " + min + ", was " + value);
    }
    return value;
  }

  /** Throws {@link IllegalArgumentException} with {@code message} unless {@code condition}. */
  public static void checkArgument(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  /** Throws {@link IllegalStateException} with {@code message} unless {@code condition}. */
  public static void checkState(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }
}
