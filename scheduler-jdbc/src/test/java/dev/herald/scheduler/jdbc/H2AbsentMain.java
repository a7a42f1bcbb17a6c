package dev.herald.scheduler.jdbc;

import java.nio.file.Path;

/**
 * For {@code JdbcH2FileTest}, run without H2 on the class path: calls each H2 factory on the
 * directory {@code args[0]} and prints what it threw.
 */
public final class H2AbsentMain {
  private H2AbsentMain() {}

  public static void main(String[] args) {
    Path file = Path.of(args[0], "herald");
    try {
      JdbcJobStore.h2File(file).close();
      System.out.println("h2File: opened");
    } catch (RuntimeException e) {
      System.out.println("h2File: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    try {
      JdbcJobStore.h2FileBuilder(file);
      System.out.println("h2FileBuilder: returned");
    } catch (RuntimeException e) {
      System.out.println("h2FileBuilder: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }
}
