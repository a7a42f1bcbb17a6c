package dev.herald.scheduler.jdbc.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The logger category of scheduler-jdbc: a public name that docs/logging.md documents, never the
 * name of an internal class.
 */
public final class Loggers {

  /**
   * {@code dev.herald.scheduler.jdbc}: the JDBC store and lock: schema migrations applied at start,
   * claims committed despite an error report.
   */
  public static final Logger JDBC = LoggerFactory.getLogger("dev.herald.scheduler.jdbc");

  private Loggers() {}
}
