package dev.herald.scheduler.jdbc;

import dev.herald.scheduler.SchedulerException;
import java.sql.SQLException;

/**
 * A database operation of the JDBC job store, lock or token store failed, or a token refresh gave
 * up waiting for another caller's ({@link JdbcTokenStore#refresh}). The message says what was
 * attempted, on which database and tables; the cause is the driver's exception, if any.
 */
public class JdbcStoreException extends SchedulerException {
  private static final long serialVersionUID = 1L;

  /** H2's {@code ErrorCode.DATABASE_ALREADY_OPEN_1}, which is also its SQLState. */
  private static final int H2_FILE_IN_USE = 90020;

  private static final String H2_FILE_IN_USE_STATE = "90020";

  /**
   * A failure of {@code operation}, caused by {@code cause}.
   *
   * @param operation what the store was doing, e.g. {@code claim}
   * @param cause the driver's exception
   */
  public JdbcStoreException(String operation, SQLException cause) {
    super(operation + " failed: " + cause.getMessage() + " (SQLState " + cause.getSQLState()
        + ", error code " + cause.getErrorCode() + ")" + remedy(cause), cause);
  }

  /**
   * A failure described by {@code message}.
   *
   * @param message what went wrong and what to do about it
   */
  public JdbcStoreException(String message) {
    super(message);
  }

  /** What to do about {@code cause}, when Herald knows it: ". The H2 file is in use …". */
  private static String remedy(SQLException cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof SQLException e
          && e.getErrorCode() == H2_FILE_IN_USE
          && H2_FILE_IN_USE_STATE.equals(e.getSQLState())) {
        return ". The H2 file is in use by another process: close that process, or add"
            + " ;AUTO_SERVER=TRUE to the H2 URL in every process that opens the file";
      }
    }
    return "";
  }
}
