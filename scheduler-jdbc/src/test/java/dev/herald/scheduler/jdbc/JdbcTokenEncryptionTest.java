package dev.herald.scheduler.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.publish.Target;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Encryption at rest on every database: the table holds no token in any readable form, a wrong or
 * missing key and a ciphertext moved to another row fail with a message naming the target and key
 * id (never a token), and keys rotate: rows written with an old key are read, rewritten under the
 * new one on write, and all re-encrypted by {@link JdbcTokenStore#reencryptAll()}.
 */
class JdbcTokenEncryptionTest {
  private static final String ACCESS = "act.PlainAccessTokenValue-7f3a9c";
  private static final String REFRESH = "rft.PlainRefreshTokenValue-2b8e41";
  private static final Instant NOW = Instant.parse("2026-11-20T12:00:00.123456789Z");
  private static final Credentials TIKTOK = Credentials.of(ACCESS)
      .withRefreshToken(REFRESH, NOW.plus(Duration.ofDays(365)))
      .issuedAt(NOW, Duration.ofHours(24));
  private static final Target CREATOR = Target.of("tiktok", "open-1");
  private static final Target ALICE = Target.of("mastodon", "mastodon.social", "alice");
  private static final Target BOB = Target.of("mastodon", "mastodon.social", "bob");

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = TestDatabase.class, names = {"H2_MEM", "POSTGRESQL", "MARIADB"})
  void theTableHoldsNoTokenInAnyReadableForm(TestDatabase db) throws SQLException {
    DataSource ds = db.dataSource();
    String prefix = TestDatabase.uniquePrefix("tokenplain");
    try {
      JdbcTokenStore store = store(ds, prefix, TestKeys.DEFAULT);
      store.put(CREATOR, TIKTOK);
      List<byte[]> first = rawColumns(ds, prefix, CREATOR);
      store.put(CREATOR, TIKTOK);
      List<byte[]> second = rawColumns(ds, prefix, CREATOR);

      for (List<byte[]> row : List.of(first, second)) {
        for (byte[] column : row) {
          String latin1 = new String(column, StandardCharsets.ISO_8859_1);
          for (String token : List.of(ACCESS, REFRESH, "PlainAccessTokenValue",
              "PlainRefreshTokenValue")) {
            byte[] utf8 = token.getBytes(StandardCharsets.UTF_8);
            assertThat(latin1).doesNotContain(token)
                .doesNotContain(Base64.getEncoder().encodeToString(utf8))
                .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(utf8))
                .doesNotContainIgnoringCase(HexFormat.of().formatHex(utf8));
          }
        }
      }
      assertThat(secret(ds, prefix, CREATOR)).as("a fresh IV per write")
          .isNotEqualTo(first.get(4));
      assertThat(store.get(CREATOR)).contains(TIKTOK);
      assertThat(store.toString()).doesNotContain(ACCESS).contains("key test-1");
    } finally {
      db.dropTables(ds, prefix);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = TestDatabase.class, names = {"H2_MEM", "POSTGRESQL", "MARIADB"})
  void aWrongOrMissingKeyFailsNamingTheTargetAndKeyId(TestDatabase db) {
    DataSource ds = db.dataSource();
    String prefix = TestDatabase.uniquePrefix("tokenkey");
    try {
      store(ds, prefix, TokenKeys.of("k1", TestKeys.random())).put(CREATOR, TIKTOK);

      JdbcTokenStore otherKeySameId = store(ds, prefix, TokenKeys.of("k1", TestKeys.random()));
      assertThatThrownBy(() -> otherKeySameId.get(CREATOR))
          .isInstanceOfSatisfying(TokenDecryptionException.class, e -> {
            assertThat(e.target()).isEqualTo(CREATOR);
            assertThat(e.keyId()).isEqualTo("k1");
          })
          .hasMessage("cannot decrypt the credentials of tiktok:open-1 with key 'k1': the key"
              + " given as 'k1' is not the key they were encrypted with, or the row was altered or"
              + " copied from another target's row");

      JdbcTokenStore unknownKey = store(ds, prefix, TokenKeys.of("k2", TestKeys.random()));
      assertThatThrownBy(() -> unknownKey.get(CREATOR))
          .isInstanceOf(TokenDecryptionException.class)
          .hasMessage("cannot decrypt the credentials of tiktok:open-1: they were encrypted with"
              + " key 'k1', which this store was not given (it has k2). Add that key with"
              + " TokenKeys.withDecryptionKey(\"k1\", key), or put the credentials again");
      assertThatThrownBy(() -> unknownKey.replace(CREATOR, TIKTOK, Credentials.of("act.2")))
          .isInstanceOf(TokenDecryptionException.class);
      assertThatThrownBy(() -> unknownKey.refresh(CREATOR, TIKTOK, c -> {
        throw new AssertionError("refreshed credentials it could not read");
      })).isInstanceOf(TokenDecryptionException.class);

      unknownKey.put(CREATOR, TIKTOK); // storing them again is the other way out
      assertThat(unknownKey.get(CREATOR)).contains(TIKTOK);
    } finally {
      db.dropTables(ds, prefix);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = TestDatabase.class, names = {"H2_MEM", "POSTGRESQL", "MARIADB"})
  void aCiphertextCopiedIntoAnotherRowDoesNotDecrypt(TestDatabase db) {
    DataSource ds = db.dataSource();
    String prefix = TestDatabase.uniquePrefix("tokencopy");
    try {
      JdbcTokenStore store = store(ds, prefix, TestKeys.DEFAULT);
      store.put(ALICE, Credentials.of("tok-alice"));
      store.put(BOB, Credentials.of("tok-bob"));

      Sql.update(ds, "UPDATE " + prefix + "tokens SET secret = ? WHERE account = ?",
          secret(ds, prefix, ALICE), "bob");

      assertThatThrownBy(() -> store.get(BOB))
          .isInstanceOf(TokenDecryptionException.class)
          .hasMessageContaining("mastodon:bob@mastodon.social")
          .hasMessageContaining("copied from another target's row")
          .hasMessageNotContaining("tok-");
      assertThat(store.get(ALICE)).contains(Credentials.of("tok-alice"));
    } finally {
      db.dropTables(ds, prefix);
    }
  }

  /**
   * The rotation the docs describe: k2 becomes current with k1 kept for decryption; rows written
   * with k1 are read, rewritten under k2 by any write, and {@code reencryptAll()} rewrites the
   * rest, after which k1 can go. A row under a key the store was not given is reported, the others
   * are re-encrypted anyway.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(value = TestDatabase.class, names = {"H2_MEM", "POSTGRESQL", "MARIADB"})
  void keysRotateWithoutLosingARow(TestDatabase db) {
    DataSource ds = db.dataSource();
    String prefix = TestDatabase.uniquePrefix("tokenrotate");
    byte[] k1 = TestKeys.random();
    byte[] k2 = TestKeys.random();
    try {
      JdbcTokenStore before = store(ds, prefix, TokenKeys.of("k1", k1));
      before.put(CREATOR, TIKTOK);
      before.put(ALICE, Credentials.of("tok-alice"));
      before.put(BOB, Credentials.of("tok-bob"));
      Target lost = Target.of("pixelfed", "pixelfed.example", "carol");
      store(ds, prefix, TokenKeys.of("k0", TestKeys.random())).put(lost, Credentials.of("tok-c"));

      JdbcTokenStore during = store(ds, prefix,
          TokenKeys.of("k2", k2).withDecryptionKey("k1", k1));
      assertThat(during.get(CREATOR)).contains(TIKTOK);
      assertThat(during.get(ALICE)).contains(Credentials.of("tok-alice"));
      assertThat(during.replace(ALICE, Credentials.of("tok-alice"), Credentials.of("tok-a2")))
          .isTrue();
      assertThat(keyIds(ds, prefix)).containsExactly("k0", "k1", "k1", "k2");

      assertThatThrownBy(during::reencryptAll)
          .isInstanceOfSatisfying(TokenDecryptionException.class,
              e -> assertThat(e.target()).isEqualTo(lost))
          .hasMessageContaining("key 'k0'");
      assertThat(keyIds(ds, prefix)).containsExactly("k0", "k2", "k2", "k2");
      during.remove(lost);
      assertThat(during.reencryptAll()).isZero();

      JdbcTokenStore after = store(ds, prefix, TokenKeys.of("k2", k2));
      assertThat(after.get(CREATOR)).contains(TIKTOK);
      assertThat(after.get(ALICE)).contains(Credentials.of("tok-a2"));
      assertThat(after.get(BOB)).contains(Credentials.of("tok-bob"));
      assertThatThrownBy(() -> before.get(BOB)).isInstanceOf(TokenDecryptionException.class)
          .hasMessageContaining("encrypted with key 'k2'");
    } finally {
      db.dropTables(ds, prefix);
    }
  }

  private static JdbcTokenStore store(DataSource ds, String prefix, TokenKeys keys) {
    return JdbcTokenStore.builder(ds).tablePrefix(prefix).encryption(keys).build();
  }

  private static List<String> keyIds(DataSource ds, String prefix) {
    return Sql.column(ds, "SELECT key_id FROM " + prefix + "tokens ORDER BY key_id");
  }

  private static byte[] secret(DataSource ds, String prefix, Target target) {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT secret FROM " + prefix + "tokens WHERE account = ?")) {
      ps.setString(1, target.account());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBytes(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every column of the target's row, as the bytes the driver returns (text as UTF-8). */
  private static List<byte[]> rawColumns(DataSource ds, String prefix, Target target)
      throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT platform, instance, account, key_id, secret, version, refresh_owner,"
            + " refresh_until, updated_at FROM " + prefix + "tokens WHERE account = ?")) {
      ps.setString(1, target.account());
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        List<byte[]> columns = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
          byte[] value = i == 5 ? rs.getBytes(i)
              : String.valueOf(rs.getString(i)).getBytes(StandardCharsets.UTF_8);
          columns.add(value);
        }
        return columns;
      }
    }
  }
}
