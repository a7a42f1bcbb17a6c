package dev.herald.scheduler.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.JobQuery;
import dev.herald.scheduler.JobRequest;
import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.SchedulerListener;
import dev.herald.scheduler.spi.NewJob;
import dev.herald.scheduler.spi.PayloadCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bad rows fail alone, unknown rows are left alone, and a wrong schema stops the start with a
 * remedy (reliability plan, row 18).
 */
class JdbcBadInputTest {

  /** Payloads are decimal numbers. */
  private static final PayloadCodec NUMBERS =
      new PayloadCodec() {
        @Override
        public String encode(Object value) {
          return String.valueOf((Integer) value);
        }

        @Override
        public <T> T decode(String text, Class<T> type) {
          return type.cast(Integer.valueOf(text));
        }

        @Override
        public String name() {
          return "numbers";
        }
      };

  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = TestDatabase.class,
      names = {"H2_FILE", "POSTGRESQL", "MARIADB"})
  void corruptPayloadFailsThatJobWithTheDecodeErrorWhileTheOthersRun(TestDatabase db) {
    DataSource check = db.dataSource();
    String prefix = TestDatabase.uniquePrefix("payload");
    List<Integer> squared = new CopyOnWriteArrayList<>();
    try (Node node =
        Node.create(
            db,
            prefix,
            "node-a",
            b ->
                b.codec(NUMBERS)
                    .register(
                        "square",
                        ctx -> {
                          int n = ctx.payload(Integer.class);
                          squared.add(n * n);
                        }))) {
      for (int n = 1; n <= 3; n++) {
        node.scheduler
            .client()
            .schedule(JobRequest.builder("square").id("square-" + n).payload(n).build());
      }
      // a row damaged behind the store's back (a bad migration, a hand edit)
      assertThat(
              Sql.update(
                  check, "UPDATE " + prefix + "jobs SET payload = 'two' WHERE id = ?", "square-2"))
          .isEqualTo(1);
      node.scheduler.start();

      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  node.store.find("square-2").orElseThrow().status() == JobStatus.FAILED
                      && squared.size() == 2);
      assertThat(squared).containsExactlyInAnyOrder(1, 9);
      for (String ok : List.of("square-1", "square-3")) {
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> node.store.find(ok).orElseThrow().status() == JobStatus.COMPLETED);
      }
      JobSnapshot failed = node.store.find("square-2").orElseThrow();
      assertThat(failed.lastError().orElseThrow())
          .contains("payload of job square-2 cannot be decoded as")
          .contains("Integer")
          .contains("For input string: \"two\"");
      assertThat(node.store.history("square-2", 0, 5).items())
          .as("one attempt: the same bytes will not decode better on a retry")
          .extracting(JobAttempt::outcome, JobAttempt::attempt)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(JobAttempt.Outcome.FAILED, 1));
    } finally {
      db.dropTables(check, prefix);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = TestDatabase.class,
      names = {"H2_FILE", "POSTGRESQL", "MARIADB"})
  void rowsOfUnknownTypesAreLeftUntouchedAndReportedUntilANodeThatKnowsThemRunsThem(
      TestDatabase db) {
    DataSource check = db.dataSource();
    String prefix = TestDatabase.uniquePrefix("unknown");
    List<Map<String, Long>> reports = new CopyOnWriteArrayList<>();
    List<String> legacyRuns = new CopyOnWriteArrayList<>();
    try (Node oldVersion =
            Node.create(
                db,
                prefix,
                "old-version",
                b -> b.register("legacy-report", ctx -> legacyRuns.add(ctx.jobId())));
        Node newVersion =
            Node.create(
                db,
                prefix,
                "new-version",
                b ->
                    b.register("publish", ctx -> {})
                        .listener(
                            new SchedulerListener() {
                              @Override
                              public void onUnknownJobTypes(Map<String, Long> dueByType) {
                                reports.add(dueByType);
                              }
                            }))) {
      JdbcJobStore store = newVersion.store;
      Instant now = store.now();
      store.insert(
          new NewJob(
              "legacy-due",
              "legacy-report",
              null,
              "once:" + now,
              0,
              "coalesce",
              null,
              now,
              JobStatus.SCHEDULED));
      store.insert(
          new NewJob(
              "legacy-dead",
              "legacy-report",
              null,
              "once:" + now,
              0,
              "coalesce",
              null,
              now,
              JobStatus.SCHEDULED));
      // a node of the old version died while running legacy-dead: its lease expired an hour ago
      store.claimDue("old-node", Set.of("legacy-report"), 1, Duration.ofMinutes(1));
      String anHourEarlier =
          switch (db.database()) {
            case H2 -> "created_at - INTERVAL '1' HOUR";
            case POSTGRESQL -> "created_at - INTERVAL '1 hour'";
            case MARIADB -> "created_at - INTERVAL 1 HOUR";
          };
      Sql.update(
          check,
          "UPDATE "
              + prefix
              + "jobs SET lease_until = "
              + anHourEarlier
              + " WHERE status = 'RUNNING'");
      String dead =
          store.list(JobQuery.builder().status(JobStatus.RUNNING).build()).items().get(0).id();
      String due = dead.equals("legacy-due") ? "legacy-dead" : "legacy-due";
      JobSnapshot dueBefore = store.find(due).orElseThrow();
      JobSnapshot deadBefore = store.find(dead).orElseThrow();

      newVersion.scheduler.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> !reports.isEmpty());
      assertThat(reports.get(0)).isEqualTo(Map.of("legacy-report", 1L));
      // absence can only be waited out: several sweeps (every 500 ms) and polls, then look again
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  store.find(due).orElseThrow().equals(dueBefore)
                      && store.find(dead).orElseThrow().equals(deadBefore));
      assertThat(legacyRuns).isEmpty();

      oldVersion.scheduler.start(); // a node that knows the type takes both over
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  store.find(due).orElseThrow().status() == JobStatus.COMPLETED
                      && store.find(dead).orElseThrow().status() == JobStatus.COMPLETED);
      assertThat(legacyRuns).containsExactlyInAnyOrder("legacy-due", "legacy-dead");
      assertThat(store.history(dead, 0, 5).items())
          .extracting(JobAttempt::outcome)
          .containsExactly(JobAttempt.Outcome.SUCCEEDED, JobAttempt.Outcome.LEASE_EXPIRED);
    } finally {
      db.dropTables(check, prefix);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = TestDatabase.class,
      names = {"H2_FILE", "POSTGRESQL", "MARIADB"})
  void wrongSchemaVersionUnderValidateFailsTheStartSayingWhatToDo(TestDatabase db) {
    DataSource ds = db.dataSource();
    String prefix = TestDatabase.uniquePrefix("schema");
    try {
      assertThatThrownBy(() -> validate(ds, prefix))
          .isInstanceOf(JdbcStoreException.class)
          .hasMessageContaining("Herald tables with prefix '" + prefix + "' not found")
          .hasMessageContaining("Create them with SchemaMode.CREATE");

      JdbcJobStore.builder(ds).tablePrefix(prefix).build();
      validate(ds, prefix); // at the right version: no complaint

      // tables left at version 1 by an older Herald: undo migrations 2 to 5
      Sql.update(ds, "DELETE FROM " + prefix + "schema_version WHERE version > 1");
      Sql.update(ds, "DROP TABLE " + prefix + "tokens");
      Sql.update(ds, "DROP TABLE " + prefix + "budget_uses");
      Sql.update(ds, "DROP TABLE " + prefix + "budgets");
      Sql.update(ds, dropIndex(db, prefix + "jobs_claim", prefix + "jobs"));
      Sql.update(ds, dropIndex(db, prefix + "job_history_fence", prefix + "job_history"));
      Sql.update(ds, "ALTER TABLE " + prefix + "job_history DROP COLUMN fence");
      assertThatThrownBy(() -> validate(ds, prefix))
          .isInstanceOf(JdbcStoreException.class)
          .hasMessageContaining("are at schema version 1, but this Herald needs version 5")
          .hasMessageContaining("Migrate with SchemaMode.CREATE")
          .hasMessageContaining("from V002 on");
      JdbcJobStore.builder(ds).tablePrefix(prefix).build(); // CREATE migrates 1 → 5
      validate(ds, prefix);
      assertThat(
              Sql.column(ds, "SELECT version FROM " + prefix + "schema_version ORDER BY version"))
          .containsExactly("0", "1", "2", "3", "4", "5");

      // tables already migrated by a newer Herald
      Sql.update(
          ds,
          "INSERT INTO "
              + prefix
              + "schema_version (version, description, "
              + "applied_at) VALUES (6, 'from the future', CURRENT_TIMESTAMP)");
      assertThatThrownBy(() -> validate(ds, prefix))
          .isInstanceOf(JdbcStoreException.class)
          .hasMessageContaining("are at schema version 6, but this Herald needs version 5")
          .hasMessageContaining("Upgrade Herald on this node");
      assertThatThrownBy(() -> JdbcJobStore.builder(ds).tablePrefix(prefix).build())
          .as("CREATE does not downgrade either")
          .isInstanceOf(JdbcStoreException.class)
          .hasMessageContaining("Upgrade Herald on this node");
    } finally {
      db.dropTables(ds, prefix);
    }
  }

  private static String dropIndex(TestDatabase db, String index, String table) {
    return db.database() == Database.MARIADB
        ? "DROP INDEX " + index + " ON " + table
        : "DROP INDEX " + index;
  }

  private static void validate(DataSource ds, String prefix) {
    JdbcJobStore.builder(ds).tablePrefix(prefix).schemaMode(SchemaMode.VALIDATE).build();
  }
}
