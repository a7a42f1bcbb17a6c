package dev.herald.scheduler.internal.publish;

import static dev.herald.scheduler.publish.PublishProgress.MAX_ENTRIES;
import static dev.herald.scheduler.publish.PublishProgress.MAX_NAME_LENGTH;
import static dev.herald.scheduler.publish.PublishProgress.MAX_VALUE_LENGTH;

import dev.herald.scheduler.internal.Preconditions;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The entries of a {@link dev.herald.scheduler.publish.PublishProgress}: immutable, sorted maps,
 * and the checks every implementation applies to a new entry. Threadsafe (stateless).
 */
final class ProgressEntries {
  private static final Pattern NAME = Pattern.compile("[a-z0-9._-]{1," + MAX_NAME_LENGTH + "}");

  private ProgressEntries() {}

  /** An immutable, sorted copy of {@code entries}; empty for null (an intent stored before). */
  static Map<String, String> copyOf(Map<String, String> entries) {
    if (entries == null || entries.isEmpty()) {
      return Map.of();
    }
    return Collections.unmodifiableSortedMap(new TreeMap<>(entries));
  }

  /**
   * {@code entries} with {@code value} under {@code name}, after checking both.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the name or value is malformed
   * @throws IllegalStateException if it would be one entry too many
   */
  static Map<String, String> with(Map<String, String> entries, String name, String value) {
    Preconditions.notNull(name, "name");
    Preconditions.notNull(value, "value");
    Preconditions.checkArgument(NAME.matcher(name).matches(), "a progress name is 1 to "
        + MAX_NAME_LENGTH + " characters of [a-z0-9._-], was '" + name + "'");
    Preconditions.checkArgument(!value.isBlank() && value.length() <= MAX_VALUE_LENGTH,
        "the value of progress '" + name + "' must be non-blank and at most " + MAX_VALUE_LENGTH
            + " characters, was " + value.length() + " characters");
    Preconditions.checkState(entries.containsKey(name) || entries.size() < MAX_ENTRIES,
        "an attempt records at most " + MAX_ENTRIES + " progress names; cannot add '" + name
            + "' to " + entries.keySet());
    SortedMap<String, String> next = new TreeMap<>(entries);
    next.put(name, value);
    return Collections.unmodifiableSortedMap(next);
  }
}
