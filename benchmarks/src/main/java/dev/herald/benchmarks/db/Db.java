package dev.herald.benchmarks.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A database server the benchmarks run against: the local PostgreSQL and MariaDB of the README's
 * set-up (database {@code test}), or an H2 file. Knows its JDBC URL, how to make pools, and the
 * little SQL that differs between them (a row generator, string concatenation, an ANALYZE).
 *
 * <p>Instances are immutable and threadsafe.
 */
public enum Db {
  POSTGRESQL("PostgreSQL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres"),
  MARIADB("MariaDB", "jdbc:mariadb://127.0.0.1:3306/test?user=root"),
  H2("H2 file", null);

  /** Pool size of every node, as in a typical Herald or db-scheduler setup: threads + 2. */
  public static final int POOL_SIZE = 12;

  private final String label;
  private final String url;

  Db(String label, String url) {
    this.label = label;
    this.url = url;
  }

  /** The name in the report: "PostgreSQL", "MariaDB", "H2 file". */
  public String label() {
    return label;
  }

  /** The JDBC URL of a server; H2 files have none (see {@link #h2Url(Path)}). */
  public String url() {
    if (url == null) {
      throw new IllegalStateException("H2 has no server URL: use h2Url(file)");
    }
    return url;
  }

  /**
   * The embedded H2 URL of {@code file} (without {@code .mv.db}), with the settings Herald's own
   * H2 file store uses.
   */
  public static String h2Url(Path file) {
    return "jdbc:h2:file:" + file.toAbsolutePath()
        + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;TRACE_LEVEL_FILE=0";
  }

  /**
   * Why the server cannot be reached, or empty if it can: a connection attempt of two seconds at
   * most.
   *
   * @return the connection error's message, if any
   */
  public Optional<String> unreachable() {
    if (this == H2) {
      return Optional.empty();
    }
    DriverManager.setLoginTimeout(2);
    try (Connection c = DriverManager.getConnection(url)) {
      return Optional.empty();
    } catch (SQLException e) {
      return Optional.of(label + " at " + url + " is unreachable: " + e.getMessage());
    }
  }

  /** A pool of {@link #POOL_SIZE} connections to {@code jdbcUrl}, named {@code name}. */
  public static HikariDataSource pool(String jdbcUrl, String name) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setPoolName(name);
    config.setMaximumPoolSize(POOL_SIZE);
    config.setMinimumIdle(POOL_SIZE);
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      config.addDataSourceProperty("reWriteBatchedInserts", "true");
    }
    return new HikariDataSource(config);
  }

  /** A pool of {@link #POOL_SIZE} connections to this server. */
  public HikariDataSource pool(String name) {
    return pool(url(), name);
  }

  /** The server's version string, as the report prints it. */
  public String version(Connection c) throws SQLException {
    return c.getMetaData().getDatabaseProductName() + " " + c.getMetaData()
        .getDatabaseProductVersion();
  }

  /**
   * A table expression of the rows numbered {@code from} to {@code to}, with the number in the
   * column named by {@link #rowNumber()}: {@code generate_series} on PostgreSQL, the SEQUENCE
   * engine's {@code seq_m_to_n} on MariaDB, {@code SYSTEM_RANGE} on H2.
   */
  public String rows(long from, long to) {
    if (from < 1 || to < from) {
      throw new IllegalArgumentException("rows " + from + " to " + to + " is not a range from 1");
    }
    return switch (this) {
      case POSTGRESQL -> "generate_series(" + from + ", " + to + ") AS g(n)";
      case MARIADB -> "seq_" + from + "_to_" + to + " AS g";
      case H2 -> "SYSTEM_RANGE(" + from + ", " + to + ") AS g";
    };
  }

  /** The column of {@link #rows(long, long)} holding the row number. */
  public String rowNumber() {
    return switch (this) {
      case POSTGRESQL -> "g.n";
      case MARIADB -> "g.seq";
      case H2 -> "g.X";
    };
  }

  /** SQL for the text {@code prefix} followed by the number {@code numberExpression}. */
  public String concat(String prefix, String numberExpression) {
    return "CONCAT('" + prefix + "', " + numberExpression + ")";
  }

  /** Refreshes the planner's statistics of {@code table} after a bulk insert. */
  public void analyze(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement()) {
      switch (this) {
        case POSTGRESQL -> s.execute("ANALYZE " + table);
        case MARIADB -> s.execute("ANALYZE TABLE " + table);
        case H2 -> s.execute("ANALYZE TABLE " + table);
      }
    }
  }

  /**
   * Drops every table of the connection's schema whose name starts with {@code prefix}
   * (PostgreSQL and MariaDB; an H2 file is deleted instead).
   */
  public void dropTables(Connection c, String prefix) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (ResultSet rs = c.getMetaData()
        .getTables(c.getCatalog(), c.getSchema(), prefix + "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        String name = rs.getString("TABLE_NAME");
        if (name.toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT))) {
          tables.add(name);
        }
      }
    }
    try (Statement s = c.createStatement()) {
      for (String table : tables) {
        s.execute("DROP TABLE " + table);
      }
    }
  }

  @Override
  public String toString() {
    return label;
  }
}
