package dev.herald.scheduler.jdbc;

import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.JobQuery;
import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.Page;
import dev.herald.scheduler.SchedulerStats;
import dev.herald.scheduler.jdbc.internal.Admin;
import dev.herald.scheduler.jdbc.internal.BudgetRows;
import dev.herald.scheduler.jdbc.internal.Claims;
import dev.herald.scheduler.jdbc.internal.Completions;
import dev.herald.scheduler.jdbc.internal.Dialects;
import dev.herald.scheduler.jdbc.internal.H2File;
import dev.herald.scheduler.jdbc.internal.Inserts;
import dev.herald.scheduler.jdbc.internal.Jdbc;
import dev.herald.scheduler.jdbc.internal.JobRows;
import dev.herald.scheduler.jdbc.internal.Leases;
import dev.herald.scheduler.jdbc.internal.LockRows;
import dev.herald.scheduler.jdbc.internal.Migrator;
import dev.herald.scheduler.jdbc.internal.Queries;
import dev.herald.scheduler.jdbc.internal.SqlDialect;
import dev.herald.scheduler.jdbc.internal.Tables;
import dev.herald.scheduler.spi.AdminCommand;
import dev.herald.scheduler.spi.AdminResult;
import dev.herald.scheduler.spi.BudgetResult;
import dev.herald.scheduler.spi.ClaimedJob;
import dev.herald.scheduler.spi.Completion;
import dev.herald.scheduler.spi.InsertResult;
import dev.herald.scheduler.spi.JobStore;
import dev.herald.scheduler.spi.LeaseRef;
import dev.herald.scheduler.spi.NewJob;
import dev.herald.scheduler.spi.RecoveredJob;
import dev.herald.scheduler.spi.RenewResult;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The persistent {@link JobStore} on H2, PostgreSQL or MariaDB/MySQL: jobs survive restarts, and
 * any number of scheduler nodes can share one database without running a job twice at once.
 *
 * <pre>{@code
 * JobStore store = JdbcJobStore.builder(dataSource).build();      // migrates the schema
 * Scheduler scheduler = Scheduler.builder().store(store)...build();
 * }</pre>
 *
 * <p>How it works: due jobs are claimed in batches with {@code FOR UPDATE SKIP LOCKED} and leased
 * at once (on PostgreSQL in one statement, elsewhere in one short transaction), so no row lock is
 * held while a job runs and concurrent claimers never collide; every later write is fenced by the
 * claim's token; completions are written in batches, with their history rows and follow-up jobs,
 * in one transaction. A rolling budget's
 * takes are serialised by a row lock on the budget's row, so nodes never both take its last use. Due-ness and leases
 * are judged by the database's clock, and instants are stored in UTC ({@code timestamptz} on
 * PostgreSQL, {@code TIMESTAMP WITH TIME ZONE} on H2, {@code DATETIME(6)} on MariaDB), so the same
 * schedule gives the same instants on every database, whatever the JVM's and the session's time
 * zones. The schema ships in the jar as versioned migrations per database, applied at build under a
 * lock ({@link SchemaMode}).
 *
 * <p>The {@link DataSource} should be pooled (HikariCP, …) with at least two connections: a
 * migration holds one as its lock while applying scripts on another. The store works at READ
 * COMMITTED: a pool set to it (PostgreSQL's and H2's default; on MariaDB, HikariCP's {@code
 * transactionIsolation=TRANSACTION_READ_COMMITTED}) saves a statement per transaction.
 *
 * <p><b>Closing.</b> A store releases what it opened itself. A store on an H2 file ({@link
 * #h2File}, {@link #h2FileBuilder}) opened that database, and {@link #close()} closes it, releasing
 * the file for another process; afterwards the store and its {@link #lock()} refuse every call with
 * an {@link IllegalStateException}. A store on your {@link DataSource} ({@link #builder}) opened
 * nothing: closing it does nothing, and your DataSource, which you close, stays open. A {@code
 * Scheduler} closes its store when it closes; an application that uses only a {@code
 * SchedulerClient} closes the store itself.
 *
 * <p>This class is threadsafe.
 */
public final class JdbcJobStore implements JobStore {
  private final Jdbc jdbc;
  private final Inserts inserts;
  private final Claims claims;
  private final Leases leases;
  private final Completions completions;
  private final Queries queries;
  private final Admin admin;
  private final BudgetRows budgets;

  private JdbcJobStore(Jdbc jdbc) {
    this.jdbc = jdbc;
    JobRows rows = new JobRows(jdbc);
    this.inserts = new Inserts(jdbc, rows);
    this.claims = new Claims(jdbc, rows);
    this.leases = new Leases(jdbc, rows);
    this.completions = new Completions(jdbc, rows, inserts);
    this.queries = new Queries(jdbc, rows);
    this.admin = new Admin(jdbc, rows);
    this.budgets = new BudgetRows(jdbc);
  }

  /**
   * A builder for a store on {@code dataSource}, which stays yours: the store never closes it.
   *
   * @param dataSource the connections to use
   * @return a new builder
   * @throws NullPointerException if {@code dataSource} is null
   */
  public static Builder builder(DataSource dataSource) {
    return new Builder(Objects.requireNonNull(dataSource, "dataSource cannot be null"), null);
  }

  /**
   * A store in an embedded H2 database file, for this process only: {@code h2FileBuilder(file)
   * .build()}. The default for an application with no database of its own; {@linkplain #close()
   * closing} the store (or the scheduler built with it) closes the database.
   *
   * @param file the database file
   * @return the store, open
   * @throws IllegalStateException if H2 is not on the class path (add {@code com.h2database:h2})
   * @throws JdbcStoreException if another process has the file open, or H2 cannot open it
   */
  public static JdbcJobStore h2File(Path file) {
    return h2FileBuilder(file).build();
  }

  /**
   * A builder for a store in an embedded H2 database file at {@code file} (H2 adds {@code .mv.db}
   * unless the name ends with it), created with its directories if missing. The store opens the
   * database when built and closes it when {@linkplain #close() closed}.
   *
   * <p>H2 lets one process open a file at a time; to open it from another process while this one
   * runs (an admin client), build every store on the file with {@link
   * Builder#sharedWithOtherProcesses()}.
   *
   * <p>{@code scheduler-jdbc} depends on H2 optionally: add {@code com.h2database:h2} to your
   * dependencies.
   *
   * @param file the database file
   * @return a new builder
   * @throws IllegalArgumentException if the path contains {@code ;}
   * @throws IllegalStateException if H2 is not on the class path
   */
  public static Builder h2FileBuilder(Path file) {
    Path databaseFile = H2File.databaseFile(file);
    H2File.requireDriver();
    return new Builder(null, databaseFile).database(Database.H2);
  }

  /**
   * A {@link JdbcLock} over this store's database and tables, judged by the same clock: "run this
   * on one node only" for every node sharing the database.
   *
   * @return a lock sharing this store's database, table prefix and clock
   */
  public JdbcLock lock() {
    return new JdbcLock(new LockRows(jdbc));
  }

  /**
   * A {@link JdbcTokenStore} over this store's database and tables (same table prefix, same schema
   * history), encrypting with {@code keys}, with the default refresh lease and wait. It is how an
   * application that keeps its jobs in an H2 file ({@link #h2File}) keeps its tokens there too.
   * The token store uses this store's connections: closing this store (which closes an H2 file it
   * opened) ends it too.
   *
   * @param keys the encryption keys; see {@link TokenKeys}
   * @return a token store sharing this store's database
   * @throws NullPointerException if {@code keys} is null
   */
  public JdbcTokenStore tokenStore(TokenKeys keys) {
    return JdbcTokenStore.over(jdbc, keys);
  }

  /**
   * The database this store runs on.
   *
   * @return the database, as set on the builder or detected
   */
  public Database database() {
    return jdbc.dialect().database();
  }

  @Override
  public Instant now() {
    return jdbc.now();
  }

  @Override
  public InsertResult insert(NewJob job) {
    return inserts.insert(Objects.requireNonNull(job, "job cannot be null"));
  }

  @Override
  public List<ClaimedJob> claimDue(String owner, Set<String> types, int limit, Duration lease) {
    return claims.claimDue(owner, types, checkLimit(limit), checkLease(lease));
  }

  @Override
  public List<RecoveredJob> claimExpired(String owner, Set<String> types, int limit,
      Duration lease) {
    return claims.claimExpired(owner, types, checkLimit(limit), checkLease(lease));
  }

  @Override
  public Optional<Instant> nextDueAt(Set<String> types) {
    return claims.nextDueAt(types);
  }

  @Override
  public RenewResult renew(Collection<LeaseRef> refs, Duration lease) {
    return leases.renew(refs, checkLease(lease));
  }

  @Override
  public boolean saveStep(LeaseRef lease, String name, String value) {
    return leases.saveStep(lease, name, value);
  }

  @Override
  public Map<String, String> steps(String jobId) {
    return leases.steps(jobId);
  }

  @Override
  public BudgetResult takeBudget(LeaseRef lease, String budget, String use, int limit,
      Duration window) {
    Objects.requireNonNull(lease, "lease cannot be null");
    checkName(budget, "budget");
    checkName(use, "use");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    Objects.requireNonNull(window, "window cannot be null");
    if (window.isZero() || window.isNegative()) {
      throw new IllegalArgumentException("window must be positive, was " + window);
    }
    return budgets.take(lease, budget, use, limit, window);
  }

  @Override
  public boolean releaseBudget(LeaseRef lease, String budget, String use) {
    Objects.requireNonNull(lease, "lease cannot be null");
    checkName(budget, "budget");
    checkName(use, "use");
    return budgets.release(lease, budget, use);
  }

  @Override
  public List<Boolean> complete(List<Completion> batch) {
    return completions.complete(batch);
  }

  @Override
  public Optional<JobSnapshot> find(String id) {
    return queries.find(id);
  }

  @Override
  public Page<JobSnapshot> list(JobQuery query) {
    return queries.list(query);
  }

  @Override
  public Page<JobAttempt> history(String jobId, int offset, int limit) {
    if (offset < 0 || limit < 1) {
      throw new IllegalArgumentException(
          "history paging needs offset >= 0 and limit >= 1, was offset=" + offset + ", limit="
              + limit);
    }
    return queries.history(jobId, offset, limit);
  }

  @Override
  public AdminResult apply(String jobId, AdminCommand command) {
    return admin.apply(jobId, command);
  }

  @Override
  public SchedulerStats stats(int upcoming) {
    if (upcoming < 0) {
      throw new IllegalArgumentException("upcoming cannot be negative, was " + upcoming);
    }
    return queries.stats(upcoming);
  }

  @Override
  public int purge(Instant before) {
    return admin.purge(Objects.requireNonNull(before, "before cannot be null"));
  }

  /**
   * Closes the database this store opened itself (an H2 file), releasing the file; afterwards this
   * store and its locks refuse every call with an {@link IllegalStateException}. Does nothing for a
   * store on your {@link DataSource}: it stays usable, and the DataSource open. Idempotent.
   *
   * @throws JdbcStoreException if H2 fails to close the database
   */
  @Override
  public void close() {
    jdbc.close();
  }

  /** "JdbcJobStore[H2 file /data/herald.mv.db, tables herald_*]", "JdbcJobStore[POSTGRESQL, …]". */
  @Override
  public String toString() {
    return jdbc.storeName();
  }

  private static void checkName(String name, String what) {
    Objects.requireNonNull(name, what + " cannot be null");
    if (name.isBlank() || name.length() > 191) {
      throw new IllegalArgumentException(
          what + " must be 1 to 191 characters and not blank, was '" + name + "'");
    }
  }

  private static int checkLimit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    return limit;
  }

  private static Duration checkLease(Duration lease) {
    Objects.requireNonNull(lease, "lease cannot be null");
    if (lease.isZero() || lease.isNegative()) {
      throw new IllegalArgumentException("lease must be positive, was " + lease);
    }
    return lease;
  }

  /**
   * Builds a {@link JdbcJobStore} on your {@link DataSource} ({@link #builder}) or in an H2 file
   * ({@link #h2FileBuilder}). Not threadsafe.
   */
  public static final class Builder {
    private final DataSource dataSource; // null for an H2 file
    private final Path h2File; // null for a DataSource
    private boolean shared;
    private Database database;
    private String tablePrefix = "herald_";
    private SchemaMode schemaMode = SchemaMode.CREATE;
    private InstantSource clock;

    private Builder(DataSource dataSource, Path h2File) {
      this.dataSource = dataSource;
      this.h2File = h2File;
    }

    /**
     * The database, instead of detecting it from the connection's metadata.
     *
     * @param database the database the store runs on
     * @return this builder
     * @throws IllegalStateException if this builder is for an H2 file and {@code database} is not
     *     {@link Database#H2}
     */
    public Builder database(Database database) {
      Objects.requireNonNull(database, "database cannot be null");
      if (h2File != null && database != Database.H2) {
        throw new IllegalStateException(
            "an H2 file store's database is H2, cannot set it to " + database);
      }
      this.database = database;
      return this;
    }

    /**
     * Lets other processes open the H2 file while this store has it open, for instance an admin
     * client next to a running scheduler. Uses H2's {@code AUTO_SERVER} mode: the first process to
     * open the file serves it to the others over a local TCP port, and when it closes the file,
     * another one takes over. Every process that opens the file must set this: one that does not is
     * refused while another process has the file open, and locks the others out while it has it.
     *
     * <p>While another process uses the file through this one, closing this store leaves the
     * database open here until that process disconnects. In this mode H2 also closes the database
     * itself when the JVM exits, possibly before a scheduler draining in its shutdown hook has
     * written its last outcomes (those jobs run again once their leases expire).
     *
     * @return this builder
     * @throws IllegalStateException if this builder is for your {@link DataSource}, whose URL
     *     decides (H2: {@code ;AUTO_SERVER=TRUE})
     */
    public Builder sharedWithOtherProcesses() {
      if (h2File == null) {
        throw new IllegalStateException(
            "sharedWithOtherProcesses() applies to an H2 file store"
                + " (JdbcJobStore.h2FileBuilder(path)); for your DataSource its URL decides"
                + " (H2: ;AUTO_SERVER=TRUE)");
      }
      this.shared = true;
      return this;
    }

    /**
     * The prefix of Herald's tables; default {@code herald_}. Two prefixes give two independent
     * stores in one database.
     *
     * @param prefix the table prefix
     * @return this builder
     * @throws IllegalArgumentException unless 1–31 letters, digits or underscores starting with a
     *     letter
     */
    public Builder tablePrefix(String prefix) {
      this.tablePrefix = new Tables(Objects.requireNonNull(prefix, "prefix cannot be null"))
          .prefix();
      return this;
    }

    /**
     * What to do about the tables at build; default {@link SchemaMode#CREATE}.
     *
     * @param mode the schema mode
     * @return this builder
     */
    public Builder schemaMode(SchemaMode mode) {
      this.schemaMode = Objects.requireNonNull(mode, "schemaMode cannot be null");
      return this;
    }

    /**
     * Judge due-ness and leases by {@code clock} instead of the database's clock. For tests (a
     * {@code ManualClock}); in production every node must share the database's clock.
     *
     * @param clock the clock the store reads its current time from
     * @return this builder
     */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock cannot be null");
      return this;
    }

    /**
     * Builds the store: opens the H2 file, or detects the database of the DataSource unless set;
     * then applies the schema mode. If the build fails, an H2 file it opened is closed again.
     *
     * @return the store, with its schema ready for use
     * @throws JdbcStoreException if the database is unsupported or unreachable, the H2 file is in
     *     use by another process, or the schema is not at the version this Herald needs (the
     *     message says what to do)
     */
    public JdbcJobStore build() {
      if (h2File == null) {
        SqlDialect dialect = database != null ? Dialects.of(database) : Dialects.detect(dataSource);
        return build(new Jdbc(dataSource, dialect, new Tables(tablePrefix), clock));
      }
      H2File file = H2File.open(h2File, shared);
      try {
        return build(
            new Jdbc(
                file.dataSource(), Dialects.of(Database.H2), new Tables(tablePrefix), clock, file));
      } catch (RuntimeException | Error e) {
        try {
          file.close();
        } catch (RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
    }

    private JdbcJobStore build(Jdbc jdbc) {
      new Migrator(jdbc).apply(schemaMode);
      return new JdbcJobStore(jdbc);
    }
  }
}
