package dev.herald.scheduler.jdbc.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * SQL text that depends only on a count (of job types, of ids in an {@code IN} list), built once
 * per count so that hot paths build no strings. Counts above {@value #MAX_CACHED} are built each
 * time. Threadsafe.
 */
final class SqlPerCount {
  private static final int MAX_CACHED = 1024;

  private final IntFunction<String> build;
  private final ConcurrentHashMap<Integer, String> built = new ConcurrentHashMap<>();

  SqlPerCount(IntFunction<String> build) {
    this.build = build;
  }

  String get(int count) {
    return count > MAX_CACHED ? build.apply(count) : built.computeIfAbsent(count, build::apply);
  }
}
