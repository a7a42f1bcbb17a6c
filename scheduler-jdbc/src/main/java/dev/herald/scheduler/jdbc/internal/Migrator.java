package dev.herald.scheduler.jdbc.internal;

import dev.herald.scheduler.jdbc.JdbcStoreException;
import dev.herald.scheduler.jdbc.SchemaMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.slf4j.Logger;

/**
 * Versioned migrations shipped in the jar, one directory per dialect, applied at start under a
 * lock so that nodes starting together migrate exactly once.
 *
 * <p>One schema history per table prefix, whichever store applies it: a job store and a token store
 * on the same prefix share the tables, and each brings them to {@link #LATEST}, creating the tables
 * of the other too (a few empty tables), so that either can be validated or upgraded alone.
 *
 * <p>Tables dropped by hand after their migrations ran are found at start: with every data table
 * gone, {@link SchemaMode#CREATE} runs the migrations again; with only some gone, the start fails
 * naming them and the remedy (restore them, or drop the rest to start over).
 *
 * <p>The lock is a row lock on a sentinel row (version 0) of the schema-version table, held by one
 * connection in an open transaction while a second connection applies the scripts: MariaDB and H2
 * commit implicitly on DDL, which would release a lock held on the same connection.
 */
public final class Migrator {
  private static final Logger log = Loggers.JDBC;

  /** A migration script: {@code V<version>__<name>.sql} in each dialect's directory. */
  record Migration(int version, String name) {
    String file() {
      return String.format("V%03d__%s.sql", version, name);
    }
  }

  /** Every migration, in order. Add new ones at the end; never edit a released one. */
  static final List<Migration> MIGRATIONS =
      List.of(
          new Migration(1, "create_tables"),
          new Migration(2, "claim_index"),
          new Migration(3, "history_fence"),
          new Migration(4, "tokens"),
          new Migration(5, "budgets"));

  /** The schema version this Herald needs. */
  public static final int LATEST = MIGRATIONS.get(MIGRATIONS.size() - 1).version();

  private static final String RESOURCE_ROOT = "/dev/herald/scheduler/jdbc/migrations/";
  private static final Duration LOCK_PATIENCE = Duration.ofMinutes(2);

  private final Jdbc jdbc;

  public Migrator(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** Applies {@code mode}. */
  public void apply(SchemaMode mode) {
    switch (mode) {
      case CREATE -> migrate();
      case VALIDATE -> validate();
      case NONE -> { }
    }
  }

  /** Creates the tables or brings them up to {@link #LATEST}; a no-op when already there. */
  public void migrate() {
    String what = jdbc.describe("migrating the Herald schema");
    try {
      createVersionTable();
      insertSentinel();
      try (Connection lock = jdbc.dataSource().getConnection()) {
        lock.setAutoCommit(false);
        try {
          acquire(lock);
          applyPending();
          lock.commit();
        } catch (SQLException | RuntimeException e) {
          lock.rollback();
          throw e;
        } finally {
          lock.setAutoCommit(true);
        }
      }
    } catch (SQLException e) {
      throw new JdbcStoreException(what, e);
    }
  }

  /** Checks that the schema is at {@link #LATEST}. */
  public void validate() {
    int current;
    try (Connection c = jdbc.dataSource().getConnection()) {
      current = currentVersion(c);
    } catch (SQLException e) {
      throw new JdbcStoreException("Herald tables with prefix '" + jdbc.tables().prefix()
          + "' not found on " + jdbc.dialect().database() + " (schema mode VALIDATE): "
          + e.getMessage() + ". Create them with SchemaMode.CREATE (the default), or apply the "
          + "scripts in " + scriptsLocation() + " yourself.");
    }
    if (current != LATEST) {
      throw new JdbcStoreException(mismatch(current) + " (schema mode VALIDATE). "
          + (current < LATEST
              ? "Migrate with SchemaMode.CREATE (the default), or apply the scripts in "
                  + scriptsLocation() + " from V" + String.format("%03d", current + 1) + " on."
              : "Upgrade Herald on this node: another node already migrated to a newer schema."));
    }
    List<String> missing;
    try (Connection c = jdbc.dataSource().getConnection()) {
      missing = missingTables(c);
    } catch (SQLException e) {
      throw new JdbcStoreException(jdbc.describe("validating the Herald schema"), e);
    }
    if (!missing.isEmpty()) {
      throw new JdbcStoreException(missing.size() == jdbc.tables().data().size()
          ? "Every Herald table with prefix '" + jdbc.tables().prefix() + "' is missing on "
              + jdbc.dialect().database() + " (schema mode VALIDATE), although "
              + jdbc.tables().schemaVersion() + " records version " + LATEST + ": dropped "
              + "outside Herald. Start once with SchemaMode.CREATE (the default), which recreates "
              + "them, or delete the rows of " + jdbc.tables().schemaVersion() + " with version > 0 "
              + "and apply the scripts in " + scriptsLocation() + "."
          : missingMessage(missing, SchemaMode.VALIDATE));
    }
  }

  private String mismatch(int current) {
    return "Herald tables with prefix '" + jdbc.tables().prefix() + "' on "
        + jdbc.dialect().database() + " are at schema version " + current
        + ", but this Herald needs version " + LATEST;
  }

  private String scriptsLocation() {
    return "dev/herald/scheduler/jdbc/migrations/" + jdbc.dialect().migrationsDirectory()
        + " (inside scheduler-jdbc's jar)";
  }

  private void createVersionTable() throws SQLException {
    String ddl = jdbc.dialect().createSchemaVersionTable(jdbc.tables().schemaVersion());
    for (int attempt = 1; ; attempt++) {
      try (Connection c = jdbc.dataSource().getConnection(); Statement s = c.createStatement()) {
        s.execute(ddl);
        return;
      } catch (SQLException e) {
        // two nodes creating the table at once can collide even with IF NOT EXISTS (PostgreSQL)
        if (attempt >= 3) {
          throw e;
        }
      }
    }
  }

  private void insertSentinel() throws SQLException {
    String sql = "INSERT INTO " + jdbc.tables().schemaVersion()
        + " (version, description, applied_at) VALUES (0, 'migration lock', ?)";
    try (Connection c = jdbc.dataSource().getConnection()) {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
          "SELECT version FROM " + jdbc.tables().schemaVersion() + " WHERE version = 0")) {
        if (rs.next()) {
          return;
        }
      }
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        jdbc.dialect().setInstant(ps, 1, Instant.now());
        ps.executeUpdate();
      }
    } catch (SQLException e) {
      if (!jdbc.dialect().isUniqueViolation(e)) {
        throw e;
      }
    }
  }

  private void acquire(Connection lock) throws SQLException {
    String sql = "SELECT version FROM " + jdbc.tables().schemaVersion()
        + " WHERE version = 0 FOR UPDATE";
    long deadline = System.nanoTime() + LOCK_PATIENCE.toNanos();
    while (true) {
      try (PreparedStatement ps = lock.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
        rs.next();
        return;
      } catch (SQLException e) {
        if (!jdbc.dialect().isLockTimeout(e) || System.nanoTime() > deadline) {
          throw e;
        }
        lock.rollback(); // another node is migrating: wait for it
      }
    }
  }

  private void applyPending() throws SQLException {
    try (Connection c = jdbc.dataSource().getConnection()) {
      c.setAutoCommit(true);
      applyFrom(c, currentVersion(c));
      List<String> missing = missingTables(c);
      if (missing.size() == jdbc.tables().data().size()) {
        // only the schema history is left: nothing to lose, so the migrations run again
        log.warn("Every Herald table with prefix '{}' on {} was missing although its schema "
            + "history records version {}: they were dropped outside Herald; recreating them",
            jdbc.tables().prefix(), jdbc.dialect().database(), LATEST);
        try (Statement s = c.createStatement()) {
          s.executeUpdate("DELETE FROM " + jdbc.tables().schemaVersion() + " WHERE version > 0");
        }
        applyFrom(c, 0);
      } else if (!missing.isEmpty()) {
        throw new JdbcStoreException(missingMessage(missing, SchemaMode.CREATE));
      }
    }
  }

  private void applyFrom(Connection c, int current) throws SQLException {
    if (current > LATEST) {
      throw new JdbcStoreException(mismatch(current) + ". Upgrade Herald on this node: another "
          + "node already migrated to a newer schema.");
    }
    for (Migration m : MIGRATIONS) {
      if (m.version() > current) {
        log.info("Applying Herald migration {} to {} (tables {}*)", m.file(),
            jdbc.dialect().database(), jdbc.tables().prefix());
        for (String statement : statements(m)) {
          try (Statement s = c.createStatement()) {
            s.execute(statement);
          }
        }
        recordVersion(c, m);
      }
    }
  }

  /** The data tables that do not exist (a probe that fails with SQL state class 42). */
  private List<String> missingTables(Connection c) throws SQLException {
    List<String> missing = new ArrayList<>();
    for (String table : jdbc.tables().data()) {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0")) {
        rs.next();
      } catch (SQLException e) {
        if (e.getSQLState() == null || !e.getSQLState().startsWith("42")) {
          throw e;
        }
        missing.add(table);
      }
    }
    return missing;
  }

  /** What to do about tables dropped outside Herald while others remain. */
  private String missingMessage(List<String> missing, SchemaMode mode) {
    List<String> remaining = new ArrayList<>(jdbc.tables().data());
    remaining.removeAll(missing);
    remaining.add(jdbc.tables().schemaVersion());
    return "Herald table" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing)
        + " missing on " + jdbc.dialect().database() + " (schema mode " + mode + "), although "
        + jdbc.tables().schemaVersion() + " records version " + LATEST + ": dropped outside "
        + "Herald. The migrations cannot recreate some tables without the others. Restore "
        + (missing.size() == 1 ? "it" : "them") + " from a backup; or, to start over empty (this "
        + "deletes every job, step, token and budget under prefix '" + jdbc.tables().prefix()
        + "'), drop " + String.join(", ", remaining) + " and start with SchemaMode.CREATE, "
        + "which creates them all.";
  }

  private int currentVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version FROM " + jdbc.tables().schemaVersion()
            + " WHERE version > 0")) {
      TreeSet<Integer> versions = new TreeSet<>();
      while (rs.next()) {
        versions.add(rs.getInt(1));
      }
      return versions.isEmpty() ? 0 : versions.last();
    }
  }

  private void recordVersion(Connection c, Migration m) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + jdbc.tables().schemaVersion()
        + " (version, description, applied_at) VALUES (?, ?, ?)")) {
      ps.setInt(1, m.version());
      ps.setString(2, m.name());
      jdbc.dialect().setInstant(ps, 3, Instant.now());
      ps.executeUpdate();
    }
  }

  private List<String> statements(Migration m) {
    String path = RESOURCE_ROOT + jdbc.dialect().migrationsDirectory() + "/" + m.file();
    String script;
    try (InputStream in = Migrator.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("migration script " + path + " is missing from the jar");
      }
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("reading migration script " + path, e);
    }
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        String sql = current.toString().strip();
        statements.add(jdbc.tables().expand(sql.substring(0, sql.length() - 1)));
        current.setLength(0);
      }
    }
    return statements;
  }
}
