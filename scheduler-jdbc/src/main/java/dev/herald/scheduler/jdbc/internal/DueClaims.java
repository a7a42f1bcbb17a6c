package dev.herald.scheduler.jdbc.internal;

import dev.herald.scheduler.spi.ClaimedJob;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * How a database claims due jobs: picks the first {@code limit} due SCHEDULED jobs of {@code types}
 * in claim order (highest priority, then earliest due, then lowest id) that no concurrent claimer
 * holds, and leases them to {@code owner}: RUNNING, attempt and fencing token incremented, lease
 * until {@code now + lease}. Implementations are threadsafe.
 */
interface DueClaims {

  /** Claim order, which is also the order of the returned claims. */
  Comparator<ClaimedJob> CLAIM_ORDER =
      Comparator.comparing((ClaimedJob c) -> -c.job().priority())
          .thenComparing(c -> c.job().nextRunAt().orElseThrow())
          .thenComparing(c -> c.job().id());

  /** The claimer for {@code jdbc}'s database. */
  static DueClaims of(Jdbc jdbc, JobRows rows) {
    return switch (jdbc.dialect().database()) {
      case POSTGRESQL -> new PostgresClaimStatement(jdbc);
      case MARIADB -> new LockThenLeaseClaims(jdbc, rows, false);
      case H2 -> new LockThenLeaseClaims(jdbc, rows, true);
    };
  }

  /**
   * Whether {@link #claim} runs a single statement ({@link Jdbc#inStatement}) rather than several
   * in a transaction ({@link Jdbc#inTransactionClockInline}).
   */
  boolean singleStatement();

  /**
   * Claims up to {@code limit} due jobs on {@code c}; returns them in claim order. {@code now} is
   * the injected clock's time, or null: the claim reads the database's time in its first statement.
   */
  List<ClaimedJob> claim(
      Connection c, Instant now, String owner, Set<String> types, int limit, Duration lease)
      throws SQLException;
}
