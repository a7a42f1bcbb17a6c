package dev.herald.scheduler.jdbc.internal;

import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.jdbc.JdbcStoreException;
import dev.herald.scheduler.jdbc.internal.TokenCipher.Sealed;
import dev.herald.scheduler.jdbc.internal.TokenRows.Row;
import dev.herald.scheduler.publish.Target;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;

/**
 * {@code JdbcTokenStore.refresh}: one caller at a time per target, across every node of the
 * database, by a lease on the target's row.
 *
 * <p>A caller reads the row: if the credentials are no longer those it saw, another caller
 * refreshed them and they are returned; if another caller's lease runs (by the database's clock),
 * it polls with backoff, up to the refresh wait; otherwise it takes the lease (a conditional update
 * on the row's version and lease), calls the refresh function outside any transaction, and stores
 * its result with a compare-and-set on the version, releasing the lease in the same transaction.
 * A lease outlives a crashed holder only until it expires; a holder slower than its lease may then
 * find its result refused if a successor stored first, and returns the successor's.
 *
 * <p>Threadsafe.
 */
public final class TokenRefreshes {
  private static final Logger log = Loggers.JDBC;
  private static final long FIRST_PAUSE_MILLIS = 10;
  private static final long MAX_PAUSE_MILLIS = 250;

  /** What a caller found when it tried to take the lease. */
  private enum Outcome { MISSING, CHANGED, HELD, TAKEN }

  private record Attempt(Outcome outcome, Credentials stored, long version, Instant heldUntil) {}

  private final Jdbc jdbc;
  private final TokenRows rows;
  private final TokenCipher cipher;
  private final Duration lease;
  private final Duration wait;

  public TokenRefreshes(Jdbc jdbc, TokenRows rows, TokenCipher cipher, Duration lease,
      Duration wait) {
    this.jdbc = jdbc;
    this.rows = rows;
    this.cipher = cipher;
    this.lease = lease;
    this.wait = wait;
  }

  /** See {@code TokenStore.refresh}. */
  public Optional<Credentials> refresh(Target target, Credentials seen,
      UnaryOperator<Credentials> refresh) {
    String owner = UUID.randomUUID().toString();
    long deadline = System.nanoTime() + wait.toNanos();
    long pause = FIRST_PAUSE_MILLIS;
    while (true) {
      Attempt attempt = jdbc.inTransaction("take the refresh lease of " + target,
          (c, now) -> attempt(c, target, seen, owner, now));
      switch (attempt.outcome()) {
        case MISSING:
          return Optional.empty();
        case CHANGED:
          return Optional.of(attempt.stored());
        case TAKEN:
          return refreshHolding(target, attempt, owner, refresh);
        default: // HELD
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw new JdbcStoreException("waited " + wait + " for another caller to finish"
                + " refreshing the credentials of " + target
                + (attempt.heldUntil() == null ? "" : " (its lease runs until "
                    + attempt.heldUntil() + ")")
                + "; not refreshing them here, which would make a second refresh call. Try again"
                + " later, or give JdbcTokenStore a longer refreshWait");
          }
          sleep(Math.min(jitter(pause), Math.max(1, left / 1_000_000)), target);
          pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
      }
    }
  }

  private Attempt attempt(Connection c, Target target, Credentials seen, String owner,
      Instant now) throws SQLException {
    Optional<Row> found = rows.read(c, target);
    if (found.isEmpty()) {
      return new Attempt(Outcome.MISSING, null, 0, null);
    }
    Row row = found.get();
    Credentials stored = cipher.open(target, row.keyId(), row.secret());
    if (!stored.equals(seen)) {
      return new Attempt(Outcome.CHANGED, stored, row.version(), null);
    }
    if (row.refreshUntil() != null && row.refreshUntil().isAfter(now)) {
      return new Attempt(Outcome.HELD, stored, row.version(), row.refreshUntil());
    }
    return rows.takeLease(c, target, row.version(), owner, now.plus(lease), now)
        ? new Attempt(Outcome.TAKEN, stored, row.version(), null)
        : new Attempt(Outcome.HELD, stored, row.version(), null); // raced: look again
  }

  private Optional<Credentials> refreshHolding(Target target, Attempt held, String owner,
      UnaryOperator<Credentials> refresh) {
    Sealed sealed;
    Credentials updated;
    try {
      updated = Objects.requireNonNull(refresh.apply(held.stored()),
          "refreshed credentials cannot be null");
      sealed = cipher.seal(target, updated);
    } catch (RuntimeException | Error e) {
      release(target, owner, e);
      throw e;
    }
    Optional<Credentials> now = store(target, held.version(), sealed, updated, owner);
    if (!now.map(updated::equals).orElse(false)) {
      log.warn("The refreshed credentials of {} were not stored: they were {} while the refresh"
          + " ran", target, now.isPresent() ? "replaced" : "removed");
    }
    return now;
  }

  /**
   * Stores the refreshed credentials unless the stored ones changed meanwhile, and releases the
   * lease; the credentials stored now. A refresh may have rotated the refresh token, so a failed
   * write is tried again while the lease lasts: the result of a write that committed but reported
   * an error is found stored.
   */
  private Optional<Credentials> store(Target target, long version, Sealed sealed,
      Credentials updated, String owner) {
    long deadline = System.nanoTime() + lease.toNanos();
    long pause = FIRST_PAUSE_MILLIS;
    while (true) {
      try {
        return jdbc.inTransaction("store the refreshed credentials of " + target, (c, now) -> {
          boolean stored = rows.compareAndSet(c, target, version, sealed, now);
          rows.releaseLease(c, target, owner);
          if (stored) {
            return Optional.of(updated);
          }
          Optional<Row> row = rows.read(c, target);
          return row.map(r -> cipher.open(target, r.keyId(), r.secret()));
        });
      } catch (JdbcStoreException e) {
        if (System.nanoTime() - deadline >= 0) {
          log.error("The refreshed credentials of {} could not be stored; if the platform rotated"
              + " the refresh token, the account must be authorised again", target, e);
          throw e;
        }
        sleep(jitter(pause), target);
        pause = Math.min(pause * 2, MAX_PAUSE_MILLIS * 4);
      }
    }
  }

  private void release(Target target, String owner, Throwable failure) {
    try {
      jdbc.inTransaction("release the refresh lease of " + target, (c, now) -> {
        rows.releaseLease(c, target, owner);
        return null;
      });
    } catch (RuntimeException e) {
      failure.addSuppressed(e); // the lease expires on its own
    }
  }

  private static long jitter(long millis) {
    return millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1);
  }

  private static void sleep(long millis, Target target) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JdbcStoreException("interrupted while refreshing the credentials of " + target);
    }
  }
}
