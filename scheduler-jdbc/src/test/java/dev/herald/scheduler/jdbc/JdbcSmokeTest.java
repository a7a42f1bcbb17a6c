package dev.herald.scheduler.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.spi.ClaimedJob;
import dev.herald.scheduler.spi.Completion;
import dev.herald.scheduler.spi.NewJob;
import dev.herald.scheduler.testing.ManualClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JdbcSmokeTest {
  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void insertClaimComplete(TestDatabase db) {
    DataSource ds = db.dataSource();
    String prefix = TestDatabase.uniquePrefix("smoke");
    ManualClock clock = ManualClock.at("2026-03-29T00:00:00.123456Z");
    try {
      JdbcJobStore store = JdbcJobStore.builder(ds).tablePrefix(prefix).clock(clock).build();
      Instant t = clock.now();
      store.insert(new NewJob("a", "t", "p", "once:2026-03-29T00:00:00.123456Z", 0, "coalesce",
          "k", t, JobStatus.SCHEDULED));
      assertThat(store.insert(new NewJob("b", "t", null, "1h", 0, "coalesce", "k", t,
          JobStatus.SCHEDULED)).created()).isFalse();
      List<ClaimedJob> claims = store.claimDue("n", Set.of("t"), 5, Duration.ofSeconds(30));
      assertThat(claims).singleElement().satisfies(c -> {
        assertThat(c.job().nextRunAt()).hasValue(t);
        assertThat(c.job().leaseUntil()).hasValue(t.plusSeconds(30));
        assertThat(c.job().fencingToken()).isEqualTo(1);
      });
      assertThat(store.complete(List.of(new Completion(claims.get(0).lease(),
          JobStatus.COMPLETED, null, null, null, 1, null, false, null, List.of()))))
          .containsExactly(true);
      assertThat(store.find("a").orElseThrow().status()).isEqualTo(JobStatus.COMPLETED);
      JdbcJobStore realClock = JdbcJobStore.builder(ds).tablePrefix(prefix).build();
      assertThat(realClock.now()).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(
          Duration.ofSeconds(5).toMillis(), java.time.temporal.ChronoUnit.MILLIS));
    } finally {
      db.dropTables(ds, prefix);
    }
  }

  @Test
  void migrationsAreLoggedUnderThePublicJdbcCategory() {
    DataSource ds = TestDatabase.H2_MEM.dataSource();
    String prefix = TestDatabase.uniquePrefix("logs");
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      JdbcJobStore.builder(ds).tablePrefix(prefix).build();
    } finally {
      System.setErr(original);
      TestDatabase.H2_MEM.dropTables(ds, prefix);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8))
        .contains(
            "INFO dev.herald.scheduler.jdbc - Applying Herald migration V001__create_tables.sql")
        .doesNotContain("internal");
  }
}
