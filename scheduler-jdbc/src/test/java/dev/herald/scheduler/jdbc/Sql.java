package dev.herald.scheduler.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Plain JDBC for tests that look at or write rows behind the store's back. */
final class Sql {
  private Sql() {}

  /** The first column of the single row {@code query} returns, as a long. */
  static long count(DataSource ds, String query, Object... params) {
    List<String> rows = column(ds, query, params);
    return rows.isEmpty() || rows.get(0) == null ? 0 : Long.parseLong(rows.get(0));
  }

  /** The first column of every row {@code query} returns, as text. */
  static List<String> column(DataSource ds, String query, Object... params) {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(query)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        List<String> values = new ArrayList<>();
        while (rs.next()) {
          values.add(rs.getString(1));
        }
        return values;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("query failed: " + query, e);
    }
  }

  /** Runs an update; returns the rows changed. */
  static int update(DataSource ds, String statement, Object... params) {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(statement)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("update failed: " + statement, e);
    }
  }
}
