package dev.herald.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.scheduler.credentials.Credentials;
// tag::token-store[]
import dev.herald.scheduler.credentials.TokenStore;
import dev.herald.scheduler.jdbc.JdbcTokenStore;
import dev.herald.scheduler.jdbc.TokenKeys;
// end::token-store[]
import dev.herald.scheduler.publish.Target;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
// tag::token-store[]
import java.util.Base64;
// end::token-store[]
import java.util.Optional;
import java.util.UUID;
import javax.crypto.KeyGenerator;
// tag::token-store[]
import javax.sql.DataSource;
// end::token-store[]
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The token store samples of docs/jdbc.md, run on an in-memory H2 database. */
class JdbcTokenStoreGuideTest {
  private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  @Test
  void aTokenStoreKeepsCredentialsEncryptedUnderTheApplicationsKey() throws Exception {
    DataSource dataSource = h2();
    String tokenKey = newKey();
    Credentials fromOAuth = Credentials.of("act.1")
        .withRefreshToken("rft.1", NOW.plus(Duration.ofDays(365)))
        .issuedAt(NOW, Duration.ofHours(24));

    TokenStore tokens = tokenStore(dataSource, tokenKey);
    tokens.put(Target.of("tiktok", "open-1"), fromOAuth);

    TokenStore restarted = tokenStore(dataSource, tokenKey);
    assertThat(restarted.get(Target.of("tiktok", "open-1"))).contains(fromOAuth);
  }

  @Test
  void rowsWrittenWithTheOldKeyAreReadAndReencryptedUnderTheNewOne() throws Exception {
    DataSource dataSource = h2();
    byte[] oldKey = Base64.getDecoder().decode(newKey());
    byte[] newKey = Base64.getDecoder().decode(newKey());
    JdbcTokenStore.builder(dataSource).encryption(TokenKeys.of("2026-11", oldKey)).build()
        .put(Target.of("mastodon", "mastodon.social", "alice"), Credentials.of("tok-alice"));

    // tag::rotation[]
    JdbcTokenStore tokens = JdbcTokenStore.builder(dataSource)
        .encryption(TokenKeys.of("2027-05", newKey)       // encrypts every write
            .withDecryptionKey("2026-11", oldKey))        // still reads rows written with it
        .build();
    int rewritten = tokens.reencryptAll();                // once every node writes with 2027-05
    // end::rotation[]

    assertThat(rewritten).isEqualTo(1);
    Optional<Credentials> alice = JdbcTokenStore.builder(dataSource)
        .encryption(TokenKeys.of("2027-05", newKey)).build()
        .get(Target.of("mastodon", "mastodon.social", "alice"));
    assertThat(alice).contains(Credentials.of("tok-alice"));
  }

  /** The guide's set-up; {@code tokenKey} is what {@link #newKey()} printed, kept as a secret. */
  static TokenStore tokenStore(DataSource dataSource, String tokenKey) {
    // tag::token-store[]
    byte[] key = Base64.getDecoder().decode(tokenKey);      // e.g. the HERALD_TOKEN_KEY variable
    TokenStore tokens = JdbcTokenStore.builder(dataSource)  // e.g. the job store's pool
        .tablePrefix("herald_")                             // the default, as the job store's
        .encryption(TokenKeys.of("2026-11", key))           // the key's id is stored with each row
        .build();                                           // creates or migrates the tables
    // end::token-store[]
    return tokens;
  }

  /** A new key, as the guide generates one without openssl. */
  static String newKey() throws NoSuchAlgorithmException {
    // tag::generate-key[]
    KeyGenerator aes = KeyGenerator.getInstance("AES");
    aes.init(256);
    String tokenKey = Base64.getEncoder().encodeToString(aes.generateKey().getEncoded());
    // end::generate-key[]
    return tokenKey;
  }

  private static DataSource h2() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:tokens-guide-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    h2.setUser("sa");
    return h2;
  }
}
