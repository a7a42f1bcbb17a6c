package dev.herald.platforms.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * Argument checks with one exception type per kind of mistake: null → {@link NullPointerException},
 * bad value → {@link IllegalArgumentException}. Every message names the parameter and the value.
 * This class is threadsafe (stateless).
 */
public final class Preconditions {
  private Preconditions() {}

  /** {@code value}, or NPE "{@code name} cannot be null". */
  public static <T> T notNull(T value, String name) {
    return Objects.requireNonNull(value, () -> name + " cannot be null");
  }

  /** {@code value} if neither null nor blank. */
  public static String notBlank(String value, String name) {
    notNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " cannot be blank");
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
}
