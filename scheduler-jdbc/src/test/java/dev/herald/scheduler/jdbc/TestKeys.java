package dev.herald.scheduler.jdbc;

import java.security.SecureRandom;

/** Random AES-256 keys for the token store tests, fresh for every run. */
final class TestKeys {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The key the token store tests write with unless they test keys. */
  static final TokenKeys DEFAULT = TokenKeys.of("test-1", random());

  private TestKeys() {}

  /** 32 random bytes. */
  static byte[] random() {
    byte[] key = new byte[TokenKeys.KEY_BYTES];
    RANDOM.nextBytes(key);
    return key;
  }
}
