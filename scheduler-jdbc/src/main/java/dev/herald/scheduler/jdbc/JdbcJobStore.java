package dev.herald.scheduler.jdbc;

import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.JobQuery;
import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.Page;
import dev.herald.scheduler.SchedulerStats;
import dev.herald.scheduler.jdbc.internal.Admin;
import dev.herald.scheduler.jdbc.internal.Claims;
import dev.herald.scheduler.jdbc.internal.Completions;
import dev.herald.scheduler.jdbc.internal.Dialects;
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
 * <p>How it works: due jobs are claimed in batches with {@code SELECT … FOR UPDATE SKIP LOCKED}
 * and leased in the same short transaction, so no row lock is held while a job runs and concurrent
 * claimers never collide; every later write is fenced by the claim's token; completions are written
 * in batches, with their history rows and follow-up jobs, in one transaction. Due-ness and leases
 * are judged by the database's clock, and instants are stored in UTC ({@code timestamptz} on
 * PostgreSQL, {@code TIMESTAMP WITH TIME ZONE} on H2, {@code DATETIME(6)} on MariaDB), so the same
 * schedule gives the same instants on every database, whatever the JVM's and the session's time
 * zones. The schema ships in the jar as versioned migrations per database, applied at build under a
 * lock ({@link SchemaMode}).
 *
 * <p>The {@link DataSource} should be pooled (HikariCP, …) with at least two connections: a
 * migration holds one as its lock while applying scripts on another.
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

  private JdbcJobStore(Jdbc jdbc) {
    this.jdbc = jdbc;
    JobRows rows = new JobRows(jdbc);
    this.inserts = new Inserts(jdbc, rows);
    this.claims = new Claims(jdbc, rows);
    this.leases = new Leases(jdbc, rows);
    this.completions = new Completions(jdbc, rows, inserts);
    this.queries = new Queries(jdbc, rows);
    this.admin = new Admin(jdbc, rows);
  }

  /** A builder for a store on {@code dataSource}. */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /**
   * A store in an embedded H2 database file at {@code file} (H2 adds {@code .mv.db}), created if
   * missing: the default for an application with no database of its own.
   */
  public static JdbcJobStore h2File(Path file) {
    return builder(H2DataSources.file(file)).database(Database.H2).build();
  }

  /**
   * A {@link JdbcLock} over this store's database and tables, judged by the same clock: "run this
   * on one node only" for every node sharing the database.
   */
  public JdbcLock lock() {
    return new JdbcLock(new LockRows(jdbc));
  }

  /** The database this store runs on. */
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

  @Override
  public String toString() {
    return "JdbcJobStore[" + jdbc.dialect().database() + ", tables " + jdbc.tables().prefix() + "*"
        + (jdbc.usesDatabaseClock() ? "" : ", injected clock") + "]";
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

  /** Builds a {@link JdbcJobStore}. Not threadsafe. */
  public static final class Builder {
    private final DataSource dataSource;
    private Database database;
    private String tablePrefix = "herald_";
    private SchemaMode schemaMode = SchemaMode.CREATE;
    private InstantSource clock;

    private Builder(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource cannot be null");
    }

    /** The database, instead of detecting it from the connection's metadata. */
    public Builder database(Database database) {
      this.database = Objects.requireNonNull(database, "database cannot be null");
      return this;
    }

    /**
     * The prefix of Herald's tables; default {@code herald_}. Two prefixes give two independent
     * stores in one database.
     *
     * @throws IllegalArgumentException unless 1–31 letters, digits or underscores starting with a
     *     letter
     */
    public Builder tablePrefix(String prefix) {
      this.tablePrefix = new Tables(Objects.requireNonNull(prefix, "prefix cannot be null"))
          .prefix();
      return this;
    }

    /** What to do about the tables at build; default {@link SchemaMode#CREATE}. */
    public Builder schemaMode(SchemaMode mode) {
      this.schemaMode = Objects.requireNonNull(mode, "schemaMode cannot be null");
      return this;
    }

    /**
     * Judge due-ness and leases by {@code clock} instead of the database's clock. For tests (a
     * {@code ManualClock}); in production every node must share the database's clock.
     */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock cannot be null");
      return this;
    }

    /**
     * Builds the store, detecting the database unless set, and applies the schema mode.
     *
     * @throws JdbcStoreException if the database is unsupported or unreachable, or the schema is
     *     not at the version this Herald needs (the message says what to do)
     */
    public JdbcJobStore build() {
      SqlDialect dialect = database != null ? Dialects.of(database) : Dialects.detect(dataSource);
      Jdbc jdbc = new Jdbc(dataSource, dialect, new Tables(tablePrefix), clock);
      new Migrator(jdbc).apply(schemaMode);
      return new JdbcJobStore(jdbc);
    }
  }
}
