package dev.herald.scheduler.jdbc.internal;

import dev.herald.scheduler.jdbc.JdbcStoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * An embedded H2 database file that a store opened itself, and closes with it.
 *
 * <p>The database stays open while this object holds a connection of its own (the keeper): H2 opens
 * a database file with its first connection and closes it, releasing the file, when its last
 * connection closes. Closing the keeper therefore closes the database unless another store in this
 * JVM, or another process served through it, still has it open; then it closes when they are done.
 *
 * <p>The URL settings: {@code WRITE_DELAY=0} makes every commit reach the file before it returns,
 * so a process killed after a commit keeps it (H2's default keeps up to half a second of commits in
 * memory, and the publishing protocol records its intent before it calls a platform); {@code
 * TRACE_LEVEL_FILE=0} leaves no {@code .trace.db} beside the database (errors reach the caller as
 * exceptions); {@code DB_CLOSE_ON_EXIT=FALSE} keeps H2's own exit hook from closing the database
 * under a scheduler that is still draining in its shutdown hook. A shared file needs {@code
 * AUTO_SERVER=TRUE}, which H2 allows only with its exit hook.
 *
 * <p>Threadsafe.
 */
public final class H2File implements AutoCloseable {
  /** H2's {@code ErrorCode.DATABASE_ALREADY_OPEN_1}: another process holds the file's lock. */
  private static final int DATABASE_ALREADY_OPEN = 90020;

  private static final String SUFFIX = ".mv.db";

  private final Path file;
  private final boolean shared;
  private final DataSource dataSource;
  private final Connection keeper;
  private final AtomicBoolean closed = new AtomicBoolean();

  private H2File(Path file, boolean shared, DataSource dataSource, Connection keeper) {
    this.file = file;
    this.shared = shared;
    this.dataSource = dataSource;
    this.keeper = keeper;
  }

  /**
   * The database file for {@code path}: absolute, with H2's {@code .mv.db} suffix added unless
   * present.
   *
   * @throws IllegalArgumentException if the path contains {@code ;}, which H2 would read as the
   *     start of its settings
   */
  public static Path databaseFile(Path path) {
    Objects.requireNonNull(path, "file cannot be null");
    Path absolute = path.toAbsolutePath().normalize();
    if (absolute.toString().contains(";")) {
      throw new IllegalArgumentException(
          "an H2 file path cannot contain ';' (H2 reads what follows as settings), was " + path);
    }
    return absolute.toString().endsWith(SUFFIX)
        ? absolute
        : absolute.resolveSibling(absolute.getFileName() + SUFFIX);
  }

  /**
   * Checks that H2 is on the class path (or module path), which {@code scheduler-jdbc} depends on
   * optionally.
   *
   * @throws IllegalStateException saying which dependency to add if it is not
   */
  public static void requireDriver() {
    try {
      Class.forName("org.h2.Driver", false, H2File.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException(
          "H2 is not on the class path: scheduler-jdbc depends on it optionally. To keep jobs in an"
              + " H2 file, add com.h2database:h2 (2.2 or later) to your dependencies"
              + " (<dependency><groupId>com.h2database</groupId><artifactId>h2</artifactId>"
              + "</dependency>); for PostgreSQL or MariaDB, use JdbcJobStore.builder(dataSource)"
              + " instead.",
          e);
    }
  }

  /**
   * Opens the database in {@code databaseFile} (see {@link #databaseFile}), creating it and its
   * directories if missing.
   *
   * @param shared whether other processes may open the file at the same time (H2's AUTO_SERVER)
   * @throws JdbcStoreException if another process has the file open (the message says what to do)
   *     or H2 cannot open it
   */
  public static H2File open(Path databaseFile, boolean shared) {
    String base = databaseFile.toString();
    String url =
        "jdbc:h2:file:"
            + base.substring(0, base.length() - SUFFIX.length())
            + (shared ? ";AUTO_SERVER=TRUE" : ";DB_CLOSE_ON_EXIT=FALSE")
            + ";WRITE_DELAY=0;TRACE_LEVEL_FILE=0";
    DataSource dataSource = Embedded.dataSource(url);
    try {
      return new H2File(databaseFile, shared, dataSource, dataSource.getConnection());
    } catch (SQLException e) {
      if (e.getErrorCode() == DATABASE_ALREADY_OPEN) {
        throw new JdbcStoreException(inUseMessage(databaseFile, shared));
      }
      throw new JdbcStoreException("opening the H2 database file " + databaseFile, e);
    }
  }

  private static String inUseMessage(Path file, boolean shared) {
    String fix =
        "JdbcJobStore.h2FileBuilder(path).sharedWithOtherProcesses() (H2's AUTO_SERVER mode: the"
            + " first process serves the file to the others over a local TCP port)";
    return shared
        ? String.format(
            "the H2 database file %s is in use by another process that did not open it shared:"
                + " close that process, or open the file there too with %s",
            file, fix)
        : String.format(
            "the H2 database file %s is in use by another process: H2 lets one process open a"
                + " file at a time. Close the other process (a scheduler or an admin client on this"
                + " file), or open the file in every process with %s",
            file, fix);
  }

  /** Connections to the database. */
  public DataSource dataSource() {
    return dataSource;
  }

  /** For messages: "H2 file /abs/path.mv.db", "(shared)" when shared. */
  @Override
  public String toString() {
    return "H2 file " + file + (shared ? " (shared)" : "");
  }

  /**
   * Closes this object's connection to the database, and so the database unless others still use
   * it. Idempotent.
   *
   * @throws JdbcStoreException if H2 fails to close it
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        keeper.close();
      } catch (SQLException e) {
        throw new JdbcStoreException("closing the H2 database file " + file, e);
      }
    }
  }

  /** The only code that names H2's classes: loaded after {@link #requireDriver} passed. */
  private static final class Embedded {
    static DataSource dataSource(String url) {
      org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
      ds.setURL(url);
      ds.setUser("sa");
      ds.setPassword("");
      return ds;
    }
  }
}
