package dev.herald.scheduler.internal.codec;

/**
 * Checks for optional dependencies without loading them. Must not reference any optional type,
 * or the JVM would load it while verifying this class.
 */
public final class OptionalClasses {
  /** Jackson databind's entry point. */
  public static final String OBJECT_MAPPER = "com.fasterxml.jackson.databind.ObjectMapper";
  /** Jackson's java.time support. */
  public static final String JAVA_TIME_MODULE =
      "com.fasterxml.jackson.datatype.jsr310.JavaTimeModule";

  private OptionalClasses() {}

  /** Whether the class named {@code name} can be loaded by scheduler-core. */
  public static boolean present(String name) {
    try {
      Class.forName(name, false, OptionalClasses.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
