package dev.herald.scheduler.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.scheduler.jdbc.internal.Dialects;
import dev.herald.scheduler.jdbc.internal.Jdbc;
import dev.herald.scheduler.jdbc.internal.PostgresClaimStatement;
import dev.herald.scheduler.jdbc.internal.Tables;
import dev.herald.scheduler.spi.ClaimedJob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The claim statement uses the claim index on PostgreSQL with 100,000 pending rows, both when few
 * of them are due (the usual case: posts scheduled days ahead) and when all of them are (a backlog
 * after an outage): each index range it reads is bounded by the due time, so a claim never scans
 * the future rows, nor sorts every due row.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JdbcClaimPlanTest {
  private static final int PENDING = 100_000;

  private final TestDatabase db = TestDatabase.POSTGRESQL;
  private final String prefix = TestDatabase.uniquePrefix("plan");
  private DataSource ds;
  private JdbcJobStore store;
  private PostgresClaimStatement claims;

  @BeforeAll
  void createPendingRows() throws SQLException {
    ds = db.dataSource();
    store = JdbcJobStore.builder(ds).tablePrefix(prefix).build();
    claims =
        new PostgresClaimStatement(
            new Jdbc(ds, Dialects.of(Database.POSTGRESQL), new Tables(prefix), null));
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      // 100 due rows, the rest spread over the next 100,000 minutes; a few types and priorities
      s.execute(
          "INSERT INTO "
              + prefix
              + "jobs (id, type, status, trigger_spec, payload, priority, misfire_spec, unique_key,"
              + " next_run_at, fire_at, attempt, fence, completed_fence, lease_owner, lease_until,"
              + " pending_action, last_error, created_at, updated_at) SELECT 'job-' || g,"
              + " (ARRAY['publish', 'sync', 'digest'])[1 + g % 3], 'SCHEDULED',"
              + " 'once:2026-01-01T00:00:00Z', NULL, g % 2, 'coalesce', NULL, now() + (g - 100) *"
              + " interval '1 minute', now(), 0, 0, NULL, NULL, NULL, NULL, NULL, now(), now() FROM"
              + " generate_series(1, "
              + PENDING
              + ") g");
      s.execute("ANALYZE " + prefix + "jobs");
    }
  }

  @AfterAll
  void dropTables() {
    if (ds != null) {
      db.dropTables(ds, prefix);
    }
  }

  @Test
  @Order(1)
  void claimReadsOnlyDueRowsWhenFewOfManyPendingJobsAreDue() throws SQLException {
    String plan = explainClaim();
    System.out.println("Claim plan, 100 of " + PENDING + " pending rows due:\n" + plan);
    assertBoundedByDueTime(plan);
  }

  @Test
  @Order(2)
  void claimReadsOnlyTheRowsItTakesWhenAllPendingJobsAreDue() throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute("UPDATE " + prefix + "jobs SET next_run_at = now() - interval '1 hour'");
      s.execute("ANALYZE " + prefix + "jobs");
    }
    String plan = explainClaim();
    System.out.println("Claim plan, all " + PENDING + " pending rows due:\n" + plan);
    assertBoundedByDueTime(plan);

    long start = System.nanoTime();
    List<ClaimedJob> claimed =
        store.claimDue("node", Set.of("publish", "sync", "digest"), 4, Duration.ofSeconds(30));
    System.out.printf(
        "Claimed 4 of %d due jobs in %d ms%n",
        PENDING, Duration.ofNanos(System.nanoTime() - start).toMillis());
    assertThat(claimed).hasSize(4).allSatisfy(j -> assertThat(j.job().priority()).isEqualTo(1));
  }

  /**
   * The jobs table is read only through the claim index, each range bounded by priority and due
   * time (the sort that remains orders at most limit rows per priority), and through its key.
   */
  private void assertBoundedByDueTime(String plan) {
    assertThat(plan)
        .doesNotContain("Seq Scan on " + prefix + "jobs")
        .doesNotContain("Bitmap Heap Scan on " + prefix + "jobs")
        .contains("Index Scan using " + prefix + "jobs_claim")
        .containsPattern(
            "Index Cond: .*\\(priority = \\w+\\.priority\\) AND \\(next_run_at <= clock\\.now\\)");
  }

  /** EXPLAIN of the store's own claim query, with the values a claim binds. */
  private String explainClaim() throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("EXPLAIN " + claims.sql(3))) {
      ps.setObject(1, Instant.now().atOffset(ZoneOffset.UTC));
      ps.setString(2, "publish");
      ps.setString(3, "sync");
      ps.setString(4, "digest");
      ps.setInt(5, 4);
      ps.setInt(6, 4);
      ps.setString(7, "node");
      ps.setLong(8, 30_000_000L);
      List<String> lines = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          lines.add(rs.getString(1));
        }
      }
      return String.join("\n", lines);
    }
  }
}
