package dev.herald.scheduler.jdbc;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys a {@link JdbcTokenStore} encrypts credentials with: one current key, which
 * encrypts every write, and any number of decryption keys, which only decrypt rows written with
 * them. Each key has an id, stored beside every row it encrypted, so that a store finds the key of
 * each row and keys can be rotated without downtime:
 *
 * <pre>{@code
 * TokenKeys keys = TokenKeys.of("2027-01", newKey)      // writes
 *     .withDecryptionKey("2026-01", oldKey);           // still reads rows written with it
 * }</pre>
 *
 * <p>The application supplies the keys (32 random bytes each, from a secret manager or an
 * environment variable) and keeps them out of the database. Key ids are not secret and appear in
 * messages and in the table; the keys never do: {@link #toString()} shows the ids only.
 *
 * <p>Instances are immutable and threadsafe; {@link #withDecryptionKey} returns a new one.
 */
public final class TokenKeys {
  /** The length of an AES-256 key, in bytes. */
  public static final int KEY_BYTES = 32;

  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private final String current;
  private final Map<String, SecretKey> keys; // current first, then decryption keys as given

  private TokenKeys(String current, Map<String, SecretKey> keys) {
    this.current = current;
    this.keys = Collections.unmodifiableMap(keys);
  }

  /**
   * Keys with {@code key}, named {@code keyId}, as the current key: it encrypts every write and
   * decrypts the rows written with it.
   *
   * @param keyId the key's id, stored with each row it encrypts, e.g. {@code 2026-01}; 1 to 64
   *     letters, digits, {@code .}, {@code _} or {@code -}, starting with a letter or digit
   * @param key the AES-256 key: {@value #KEY_BYTES} random bytes (copied)
   * @return the keys
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code keyId} is malformed, or {@code key} is not
   *     {@value #KEY_BYTES} bytes or has all its bytes equal (an unset key)
   */
  public static TokenKeys of(String keyId, byte[] key) {
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    keys.put(checkId(keyId), aesKey(keyId, key));
    return new TokenKeys(keyId, keys);
  }

  /**
   * These keys plus {@code key}, named {@code keyId}, which decrypts the rows written with it but
   * encrypts nothing: a former current key while its rows are re-encrypted ({@link
   * JdbcTokenStore#reencryptAll()}), or the next one while every node learns it before it becomes
   * current.
   *
   * @param keyId the key's id, as stored with the rows it encrypted
   * @param key the AES-256 key: {@value #KEY_BYTES} bytes (copied)
   * @return new keys; these are unchanged
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code keyId} is malformed, or {@code key} is not
   *     {@value #KEY_BYTES} bytes or has all its bytes equal
   * @throws IllegalStateException if these keys already have a key with id {@code keyId}
   */
  public TokenKeys withDecryptionKey(String keyId, byte[] key) {
    checkId(keyId);
    SecretKey secret = aesKey(keyId, key);
    if (keys.containsKey(keyId)) {
      throw new IllegalStateException("key id '" + keyId + "' was already given: each key needs an"
          + " id of its own, and a row names the key it was written with by its id");
    }
    Map<String, SecretKey> more = new LinkedHashMap<>(keys);
    more.put(keyId, secret);
    return new TokenKeys(current, more);
  }

  /**
   * The id of the key that encrypts every write.
   *
   * @return the current key's id
   */
  public String currentKeyId() {
    return current;
  }

  /**
   * The ids of every key, the current one first.
   *
   * @return the key ids, in the order given; unmodifiable
   */
  public Set<String> keyIds() {
    return keys.keySet();
  }

  /** The keys by id, the current one first; for the store, never for display. */
  Map<String, SecretKey> secretKeys() {
    return keys;
  }

  /** {@code TokenKeys[current 2027-01, also decrypts 2026-01]}: the ids, never a key. */
  @Override
  public String toString() {
    Set<String> others = new LinkedHashSet<>(keys.keySet());
    others.remove(current);
    return "TokenKeys[current " + current
        + (others.isEmpty() ? "" : ", also decrypts " + String.join(", ", others)) + "]";
  }

  private static String checkId(String keyId) {
    Objects.requireNonNull(keyId, "keyId cannot be null");
    if (!KEY_ID.matcher(keyId).matches()) {
      throw new IllegalArgumentException("keyId must be 1 to 64 letters, digits, '.', '_' or '-'"
          + " starting with a letter or digit, was '" + keyId + "'");
    }
    return keyId;
  }

  private static SecretKey aesKey(String keyId, byte[] key) {
    Objects.requireNonNull(key, "key cannot be null");
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException("key '" + keyId + "' must be " + KEY_BYTES
          + " bytes (AES-256), was " + key.length + " bytes");
    }
    byte[] copy = key.clone();
    boolean allEqual = true;
    for (byte b : copy) {
      allEqual &= b == copy[0];
    }
    if (allEqual) {
      throw new IllegalArgumentException("key '" + keyId + "' has all its " + KEY_BYTES
          + " bytes equal, as an unset key has: generate a random key (openssl rand -base64 32)");
    }
    SecretKey secret = new SecretKeySpec(copy, "AES");
    Arrays.fill(copy, (byte) 0);
    return secret;
  }
}
