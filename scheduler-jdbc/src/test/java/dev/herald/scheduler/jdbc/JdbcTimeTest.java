package dev.herald.scheduler.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.zaxxer.hikari.HikariDataSource;
import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.JobRequest;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.testing.ManualClock;
import dev.herald.scheduler.testing.TestScheduler;
import dev.herald.scheduler.trigger.Triggers;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Instants are the same on every database whatever the JVM's and the session's time zones
 * (reliability plan, row 25): with the JVM in America/Los_Angeles and each database session in yet
 * another zone (Asia/Tokyo on H2, Pacific/Auckland on PostgreSQL, +09:30 on MariaDB), a cron in
 * Europe/Berlin across the spring-forward gap and a one-time instant with microseconds are stored
 * and run at the same instants, written here as constants, on all three databases.
 */
class JdbcTimeTest {
  private static final Instant START = Instant.parse("2026-03-28T22:00:00Z"); // 23:00 in Berlin
  private static final Instant ONCE = Instant.parse("2026-03-29T01:00:00.123456Z");

  /** 02:30 Berlin does not exist on 29 March 2026: shifted by the gap to 03:30 CEST. */
  private static final Instant CRON_FIRST = Instant.parse("2026-03-29T01:30:00Z");

  private static final Instant CRON_SECOND = Instant.parse("2026-03-30T00:30:00Z"); // 02:30 CEST
  private static final Instant CRON_THIRD = Instant.parse("2026-03-31T00:30:00Z");

  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = TestDatabase.class,
      names = {"H2_FILE", "POSTGRESQL", "MARIADB"})
  void cronInBerlinAndOneTimeInstantAreStoredAndRunAtTheSameInstants(TestDatabase db) {
    DataSource check = db.dataSource();
    String prefix = TestDatabase.uniquePrefix("time");
    TimeZone jvmZone = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
    // a new pool, so every connection and driver conversion happens under the JVM zone set above
    try (HikariDataSource pool = db.newPool(2)) {
      ManualClock clock = ManualClock.at(START);
      JdbcJobStore store = JdbcJobStore.builder(pool).tablePrefix(prefix).clock(clock).build();
      Map<String, List<Instant>> ran = new ConcurrentHashMap<>();
      try (TestScheduler scheduler =
          TestScheduler.create(
              Scheduler.builder()
                  .clock(clock)
                  .store(store)
                  .register("digest", ctx -> record(ran, ctx.jobId(), ctx.scheduledAt()))
                  .register("post", ctx -> record(ran, ctx.jobId(), ctx.scheduledAt())))) {
        scheduler
            .client()
            .schedule(
                JobRequest.builder("digest")
                    .id("digest")
                    .trigger(Triggers.cron("30 2 * * *", ZoneId.of("Europe/Berlin")))
                    .build());
        scheduler.client().schedule(JobRequest.builder("post").id("post").runAt(ONCE).build());

        assertStored(db, pool, store, prefix, "digest", CRON_FIRST);
        assertStored(db, pool, store, prefix, "post", ONCE);

        List<JobAttempt> history = scheduler.runUntil(Instant.parse("2026-03-30T12:00:00Z"));

        assertThat(ran).containsOnlyKeys("digest", "post");
        assertThat(ran.get("post")).containsExactly(ONCE);
        assertThat(ran.get("digest")).containsExactly(CRON_FIRST, CRON_SECOND);
        assertThat(history)
            .extracting(JobAttempt::scheduledAt)
            .containsExactly(ONCE, CRON_FIRST, CRON_SECOND);
        assertThat(store.history("post", 0, 5).items())
            .extracting(JobAttempt::scheduledAt)
            .containsExactly(ONCE);
        assertThat(store.history("digest", 0, 5).items())
            .extracting(JobAttempt::scheduledAt)
            .containsExactly(CRON_SECOND, CRON_FIRST);
        assertStored(db, pool, store, prefix, "digest", CRON_THIRD);
      }
      Instant databaseNow = JdbcJobStore.builder(pool).tablePrefix(prefix).build().now();
      assertThat(databaseNow)
          .as("the database clock, read under these zones")
          .isCloseTo(Instant.now(), within(5, ChronoUnit.SECONDS));
    } finally {
      TimeZone.setDefault(jvmZone);
      db.dropTables(check, prefix);
    }
  }

  private static void record(Map<String, List<Instant>> ran, String id, Instant at) {
    ran.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(at);
  }

  /**
   * Checks the next run time both through the store and against a SQL literal in UTC, so that a
   * conversion error made symmetrically on write and read cannot hide.
   */
  private static void assertStored(
      TestDatabase db,
      DataSource ds,
      JdbcJobStore store,
      String prefix,
      String id,
      Instant expected) {
    assertThat(store.find(id).orElseThrow().nextRunAt()).as("%s read back", id).hasValue(expected);
    String utc = expected.toString().replace('T', ' ').replace("Z", "");
    String literal =
        switch (db.database()) {
          case H2 -> "TIMESTAMP WITH TIME ZONE '" + utc + "+00:00'";
          case POSTGRESQL -> "TIMESTAMPTZ '" + utc + "+00:00'";
          case MARIADB -> "TIMESTAMP '" + utc + "'"; // DATETIME(6) columns hold UTC
        };
    assertThat(
            Sql.count(
                ds,
                "SELECT COUNT(*) FROM "
                    + prefix
                    + "jobs WHERE id = ? AND "
                    + "next_run_at = "
                    + literal,
                id))
        .as("%s stored as %s UTC", id, utc)
        .isEqualTo(1);
  }
}
