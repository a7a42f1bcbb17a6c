package dev.herald.scheduler.internal.publish;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Mints the idempotency keys of publications: {@code herald-} and {@value #BITS} random bits from
 * {@link SecureRandom}, base64url without padding (22 characters), so a key is safe in a header, a
 * URL or a form field. A key is minted once, when a publication's intent is first written, and is
 * then read back from the stored intent by every retry and replay: it is never derived from the
 * post id, target, job id or fencing token, which two independent stores (a restored backup,
 * staging and production, two apps) can share while meaning different posts. Threadsafe.
 */
final class IdempotencyKeys {
  /** The random bits in a key. */
  static final int BITS = 128;

  static final String PREFIX = "herald-";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private IdempotencyKeys() {}

  /** A new key, unrelated to every key minted before. */
  static String mint() {
    byte[] bytes = new byte[BITS / 8];
    RANDOM.nextBytes(bytes);
    return PREFIX + ENCODER.encodeToString(bytes);
  }
}
