package dev.herald.scheduler.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The transaction isolation level of each physical connection the store has used, read once per
 * connection instead of once per transaction: PgJDBC answers {@link
 * Connection#getTransactionIsolation()} with a {@code SHOW TRANSACTION ISOLATION LEVEL} round trip.
 * A pooled connection is recognised by the physical connection it wraps ({@link
 * Connection#unwrap}), and forgotten when the pool discards it.
 *
 * <p>This relies on what pools do: the store leaves each connection at the level it found it, and
 * a pool hands its connections out at its configured level (HikariCP resets a level changed by a
 * borrower when the connection is returned). Were an application to change the level of a pooled
 * connection and return it to a pool that does not reset it, the store would go on using the level
 * it read first until the pool discards that connection.
 *
 * <p>Threadsafe.
 */
final class Sessions {
  private final Map<Connection, Integer> isolationByConnection = new WeakHashMap<>();

  /** The isolation level {@code c} has between transactions. */
  int isolation(Connection c) throws SQLException {
    Connection physical = physical(c);
    synchronized (isolationByConnection) {
      Integer known = isolationByConnection.get(physical);
      if (known != null) {
        return known;
      }
    }
    int isolation = c.getTransactionIsolation();
    synchronized (isolationByConnection) {
      isolationByConnection.put(physical, isolation);
    }
    return isolation;
  }

  private static Connection physical(Connection c) throws SQLException {
    return c.isWrapperFor(Connection.class) ? c.unwrap(Connection.class) : c;
  }
}
