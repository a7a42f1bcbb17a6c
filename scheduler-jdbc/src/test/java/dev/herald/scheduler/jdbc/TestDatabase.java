package dev.herald.scheduler.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases the tests run against: H2 in memory and in a file (always), and the local
 * PostgreSQL and MariaDB servers. Each session runs in a non-UTC time zone, different from the
 * JVM's, so that any dependence on a session or JVM zone shows up as a failure.
 *
 * <p>Under {@code CI=true} an unreachable server fails the test; elsewhere the test is skipped with
 * a message saying how to enable it.
 */
public enum TestDatabase {
  H2_MEM(Database.H2, "H2 (in memory)"),
  H2_FILE(Database.H2, "H2 (file)"),
  POSTGRESQL(Database.POSTGRESQL, "PostgreSQL at 127.0.0.1:5432 (user postgres, database test)"),
  MARIADB(Database.MARIADB, "MariaDB at 127.0.0.1:3306 (user root, empty password, database test)");

  private static final Map<TestDatabase, HikariDataSource> POOLS = new ConcurrentHashMap<>();
  private static final AtomicInteger PREFIXES = new AtomicInteger();
  private static Path h2Dir;

  private final Database database;
  private final String description;

  TestDatabase(Database database, String description) {
    this.database = database;
    this.description = description;
  }

  public Database database() {
    return database;
  }

  /** A table prefix no other test in this JVM or an earlier run uses. */
  public static String uniquePrefix(String hint) {
    String clean = hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    return "t" + clean.substring(0, Math.min(clean.length(), 12)) + "_"
        + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + PREFIXES.incrementAndGet() + "_";
  }

  /**
   * The shared pool for this database, or a skipped/failed test if it cannot be reached.
   */
  public DataSource dataSource() {
    HikariDataSource pool = POOLS.computeIfAbsent(this, db -> db.newPool(16));
    try (Connection c = pool.getConnection()) {
      return pool;
    } catch (SQLException e) {
      unreachable(e);
      return null;
    }
  }

  /** A new pool of {@code size} connections (the caller closes it), as a second node would have. */
  public HikariDataSource newPool(int size) {
    return newPool(size, config -> {});
  }

  /** A new pool of {@code size} connections, with {@code settings} applied to its configuration. */
  public HikariDataSource newPool(int size, Consumer<HikariConfig> settings) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("test-" + name().toLowerCase(Locale.ROOT));
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(0);
    config.setConnectionTimeout(10_000);
    config.setInitializationFailTimeout(-1);
    switch (this) {
      case H2_MEM -> {
        config.setJdbcUrl("jdbc:h2:mem:herald-tests;DB_CLOSE_DELAY=-1");
        config.setUsername("sa");
        config.setConnectionInitSql("SET TIME ZONE 'Asia/Tokyo'");
      }
      case H2_FILE -> {
        config.setJdbcUrl("jdbc:h2:file:" + h2File() + ";DB_CLOSE_DELAY=-1");
        config.setUsername("sa");
        config.setConnectionInitSql("SET TIME ZONE 'Asia/Tokyo'");
      }
      case POSTGRESQL -> {
        config.setJdbcUrl("jdbc:postgresql://127.0.0.1:5432/test?ApplicationName=herald-tests"
            + "&connectTimeout=5&socketTimeout=60");
        config.setUsername("postgres");
        config.setConnectionInitSql("SET TIME ZONE 'Pacific/Auckland'");
      }
      case MARIADB -> {
        config.setJdbcUrl("jdbc:mariadb://127.0.0.1:3306/test?connectTimeout=5000"
            + "&socketTimeout=60000");
        config.setUsername("root");
        config.setPassword("");
        config.setConnectionInitSql("SET time_zone = '+09:30'");
      }
    }
    settings.accept(config);
    return new HikariDataSource(config);
  }

  /** Deletes every row of Herald's tables under {@code prefix} (not the schema version). */
  public void deleteRows(DataSource ds, String prefix) {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      for (String table : new String[] {"job_history", "job_steps", "jobs", "locks", "tokens",
          "budget_uses", "budgets"}) {
        s.execute("DELETE FROM " + prefix + table);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("emptying tables " + prefix + "* on " + this, e);
    }
  }

  /** Drops every table whose name starts with {@code prefix}. */
  public void dropTables(DataSource ds, String prefix) {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      for (String table : new String[] {"job_history", "job_steps", "jobs", "locks", "tokens",
          "budget_uses", "budgets", "schema_version"}) {
        s.execute("DROP TABLE IF EXISTS " + prefix + table);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("dropping tables " + prefix + "* on " + this, e);
    }
  }

  private static synchronized Path h2File() {
    try {
      if (h2Dir == null) {
        h2Dir = Files.createTempDirectory("herald-h2-");
      }
      return h2Dir.resolve("herald-tests");
    } catch (java.io.IOException e) {
      throw new IllegalStateException("creating a directory for the H2 file database", e);
    }
  }

  private void unreachable(SQLException e) {
    String message = description + " is not reachable: " + e.getMessage();
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail(message + ". Under CI=true the database tests must run: start the server.");
    }
    Assumptions.abort(message + ". Skipping; start the server (see README, 'Set up') to run "
        + "these tests. Under CI=true this is a failure.");
  }

  @Override
  public String toString() {
    return description;
  }
}
