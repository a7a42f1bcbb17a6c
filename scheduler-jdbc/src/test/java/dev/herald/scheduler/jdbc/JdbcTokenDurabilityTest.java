package dev.herald.scheduler.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.publish.Target;
import dev.herald.scheduler.spi.NewJob;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tokens survive a restart (a new pool and a new store over the same tables, the H2 file closed
 * and opened again), and a token store shares the job store's schema history: either store
 * creates, validates and upgrades the same versioned tables.
 */
class JdbcTokenDurabilityTest {
  private static final Instant NOW = Instant.parse("2026-11-20T12:00:00.123456Z");
  private static final Target CREATOR = Target.of("tiktok", "open-1");
  private static final Target ALICE = Target.of("mastodon", "mastodon.social", "alice");
  private static final Credentials ROTATING = Credentials.of("act.1")
      .withRefreshToken("rft.1", NOW.plus(Duration.ofDays(180)))
      .issuedAt(NOW, Duration.ofHours(2));

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = TestDatabase.class, names = {"H2_FILE", "POSTGRESQL", "MARIADB"})
  void tokensSurviveARestart(TestDatabase db) {
    DataSource check = db.dataSource();
    String prefix = TestDatabase.uniquePrefix("tokenrestart");
    try {
      try (HikariDataSource before = pool(db)) {
        JdbcTokenStore store = store(before, prefix, SchemaMode.CREATE);
        store.put(CREATOR, ROTATING);
        store.put(ALICE, Credentials.of("tok-alice"));
        assertThat(store.replace(CREATOR, ROTATING, ROTATING.withAccessToken("act.2"))).isTrue();
      } // on H2, closing the pool's last connection closes the database, as an exit does

      try (HikariDataSource after = pool(db)) {
        JdbcTokenStore restarted = store(after, prefix, SchemaMode.VALIDATE);
        assertThat(restarted.get(CREATOR)).contains(ROTATING.withAccessToken("act.2"));
        assertThat(restarted.get(ALICE)).contains(Credentials.of("tok-alice"));
        assertThat(restarted.targets("mastodon")).containsExactly(ALICE);
        assertThat(restarted.replace(CREATOR, ROTATING.withAccessToken("act.2"), ROTATING))
            .as("the version survived too").isTrue();
      }
    } finally {
      if (db != TestDatabase.H2_FILE) {
        db.dropTables(check, prefix);
      }
    }
  }

  /** The way an application on an H2 file keeps its tokens in that file. */
  @Test
  void aJobStoresTokenStoreKeepsTokensInItsH2FileAcrossARestart() {
    Path file = dir.resolve("app");
    byte[] key = new byte[TokenKeys.KEY_BYTES];
    new SecureRandom().nextBytes(key);
    TokenKeys keys = TokenKeys.of("k1", key);
    try (JdbcJobStore jobs = JdbcJobStore.h2File(file)) {
      JdbcTokenStore tokens = jobs.tokenStore(keys);
      tokens.put(ALICE, Credentials.of("tok-alice"));
      tokens.put(CREATOR, ROTATING);
    }
    try (JdbcJobStore jobs = JdbcJobStore.h2File(file)) {
      JdbcTokenStore tokens = jobs.tokenStore(keys);
      assertThat(tokens.get(ALICE)).contains(Credentials.of("tok-alice"));
      assertThat(tokens.get(CREATOR)).contains(ROTATING);
      assertThat(tokens.database()).isEqualTo(Database.H2);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = TestDatabase.class, names = {"H2_MEM", "POSTGRESQL", "MARIADB"})
  void aTokenStoreAndAJobStoreShareOneSchemaHistory(TestDatabase db) {
    DataSource ds = db.dataSource();
    String tokensFirst = TestDatabase.uniquePrefix("tokenschema");
    String jobsFirst = TestDatabase.uniquePrefix("jobschema");
    try {
      // a token-only user creates every table; a job store then validates and works
      store(ds, tokensFirst, SchemaMode.CREATE).put(CREATOR, ROTATING);
      JdbcJobStore jobs = JdbcJobStore.builder(ds).tablePrefix(tokensFirst)
          .schemaMode(SchemaMode.VALIDATE).build();
      jobs.insert(new NewJob("j", "t", null, "1h", 0, "coalesce", null, jobs.now(),
          JobStatus.SCHEDULED));
      assertThat(jobs.find("j")).isPresent();
      assertThat(versions(ds, tokensFirst)).containsExactly("0", "1", "2", "3", "4", "5");

      // a job-only user at version 3, from before token stores: VALIDATE says what to do, and
      // either store's CREATE migrates
      JdbcJobStore.builder(ds).tablePrefix(jobsFirst).build();
      Sql.update(ds, "DELETE FROM " + jobsFirst + "schema_version WHERE version >= 4");
      Sql.update(ds, "DROP TABLE " + jobsFirst + "tokens");
      Sql.update(ds, "DROP TABLE " + jobsFirst + "budget_uses");
      Sql.update(ds, "DROP TABLE " + jobsFirst + "budgets");
      assertThatThrownBy(() -> store(ds, jobsFirst, SchemaMode.VALIDATE))
          .isInstanceOf(JdbcStoreException.class)
          .hasMessageContaining("are at schema version 3, but this Herald needs version 5")
          .hasMessageContaining("from V004 on");
      store(ds, jobsFirst, SchemaMode.CREATE).put(CREATOR, ROTATING);
      assertThat(versions(ds, jobsFirst)).containsExactly("0", "1", "2", "3", "4", "5");
      assertThat(store(ds, jobsFirst, SchemaMode.VALIDATE).get(CREATOR)).contains(ROTATING);
    } finally {
      db.dropTables(ds, tokensFirst);
      db.dropTables(ds, jobsFirst);
    }
  }

  /**
   * A new pool, as a restarted application has. On H2, a file of this test's own without {@code
   * DB_CLOSE_DELAY}: closing the pool closes the database, and the next pool opens it again.
   */
  private HikariDataSource pool(TestDatabase db) {
    if (db != TestDatabase.H2_FILE) {
      return db.newPool(2);
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:file:" + dir.resolve("tokens") + ";WRITE_DELAY=0");
    config.setUsername("sa");
    config.setMaximumPoolSize(2);
    config.setMinimumIdle(0);
    return new HikariDataSource(config);
  }

  private static JdbcTokenStore store(DataSource ds, String prefix, SchemaMode mode) {
    return JdbcTokenStore.builder(ds).tablePrefix(prefix).schemaMode(mode)
        .encryption(TestKeys.DEFAULT).build();
  }

  private static List<String> versions(DataSource ds, String prefix) {
    return Sql.column(ds, "SELECT version FROM " + prefix + "schema_version ORDER BY version");
  }
}
