package dev.herald.scheduler.jdbc;

import dev.herald.scheduler.SchedulerException;
import java.sql.SQLException;

/**
 * A database operation of the JDBC store or lock failed. The message says what was attempted, on
 * which database and tables; the cause is the driver's exception.
 */
public class JdbcStoreException extends SchedulerException {
  private static final long serialVersionUID = 1L;

  /** A failure of {@code operation}, caused by {@code cause}. */
  public JdbcStoreException(String operation, SQLException cause) {
    super(operation + " failed: " + cause.getMessage() + " (SQLState " + cause.getSQLState()
        + ", error code " + cause.getErrorCode() + ")", cause);
  }

  /** A failure described by {@code message}. */
  public JdbcStoreException(String message) {
    super(message);
  }
}
