package dev.herald.scheduler.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** {@link TokenKeys}: what a key must be, and that no key ever shows in its string form. */
class TokenKeysTest {

  @Test
  void theCurrentKeyComesFirstAndDecryptionKeysFollow() {
    TokenKeys keys = TokenKeys.of("2027-01", TestKeys.random())
        .withDecryptionKey("2026-01", TestKeys.random())
        .withDecryptionKey("2025-01", TestKeys.random());

    assertThat(keys.currentKeyId()).isEqualTo("2027-01");
    assertThat(keys.keyIds()).containsExactly("2027-01", "2026-01", "2025-01");
    assertThat(keys).hasToString("TokenKeys[current 2027-01, also decrypts 2026-01, 2025-01]");
  }

  @Test
  void theKeyNeverShowsAndIsCopied() {
    byte[] key = TestKeys.random();
    TokenKeys keys = TokenKeys.of("k1", key);
    String shown = keys.toString();
    key[0] ^= 1; // changing the caller's array changes nothing

    assertThat(shown).isEqualTo("TokenKeys[current k1]")
        .doesNotContain(Base64.getEncoder().encodeToString(key))
        .doesNotContain(HexFormat.of().formatHex(key));
    key[0] ^= 1;
    assertThat(keys.secretKeys().get("k1").getEncoded()).isEqualTo(key);
  }

  @Test
  void aKeyIsThirtyTwoRandomBytesUnderAWellFormedUniqueId() {
    assertThatThrownBy(() -> TokenKeys.of("k1", new byte[16]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("key 'k1' must be 32 bytes (AES-256), was 16 bytes");
    assertThatThrownBy(() -> TokenKeys.of("k1", new byte[32]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("key 'k1' has all its 32 bytes equal, as an unset key has");
    assertThatThrownBy(() -> TokenKeys.of("key 1", TestKeys.random()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keyId must be 1 to 64 letters, digits")
        .hasMessageEndingWith("was 'key 1'");
    assertThatThrownBy(() -> TokenKeys.of(null, TestKeys.random()))
        .isInstanceOf(NullPointerException.class).hasMessage("keyId cannot be null");
    assertThatThrownBy(() -> TokenKeys.of("k1", null))
        .isInstanceOf(NullPointerException.class).hasMessage("key cannot be null");
    TokenKeys keys = TokenKeys.of("k1", TestKeys.random());
    assertThatThrownBy(() -> keys.withDecryptionKey("k1", TestKeys.random()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("key id 'k1' was already given");
  }

  @Test
  void aStoreNeedsKeys() {
    assertThatThrownBy(() -> JdbcTokenStore.builder(TestDatabase.H2_MEM.dataSource()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("a JdbcTokenStore needs encryption keys");
    assertThatThrownBy(() -> JdbcTokenStore.builder(TestDatabase.H2_MEM.dataSource())
        .refreshLease(java.time.Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("refreshLease must be positive, was PT0S");
  }
}
