package dev.herald.platforms.testing;

import java.time.Duration;
import java.util.Objects;

/**
 * Checks of the fakes' builder arguments: null → {@link NullPointerException}, a bad value → {@link
 * IllegalArgumentException}, each message naming the parameter and the value. Threadsafe
 * (stateless).
 */
final class Arguments {
  private Arguments() {}

  static <T> T notNull(T value, String name) {
    return Objects.requireNonNull(value, () -> name + " cannot be null");
  }

  static String notBlank(String value, String name) {
    if (notNull(value, name).isBlank()) {
      throw new IllegalArgumentException(name + " cannot be blank");
    }
    return value;
  }

  static Duration positive(Duration value, String name) {
    if (notNull(value, name).isZero() || value.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
    return value;
  }

  static Duration notNegative(Duration value, String name) {
    if (notNull(value, name).isNegative()) {
      throw new IllegalArgumentException(name + " cannot be negative, was " + value);
    }
    return value;
  }

  static int atLeast(int value, int min, String name) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be at least " + min + ", was " + value);
    }
    return value;
  }
}
