package dev.herald.scheduler.jdbc.internal;

import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.jdbc.TokenDecryptionException;
import dev.herald.scheduler.publish.Target;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts credentials for a token row with AES-256-GCM from the JDK, and decrypts them.
 *
 * <p>A sealed value is a format byte ({@value #FORMAT}), a random 96-bit IV drawn for every write,
 * then the ciphertext of {@link CredentialsCodec}'s plaintext with its 128-bit tag. The associated
 * data is the row's key (platform, instance, account) and the key id, so a ciphertext copied into
 * another row, or relabelled with another key id, fails to decrypt instead of yielding another
 * account's tokens.
 *
 * <p>Threadsafe: a {@link Cipher} is made per call, and {@link SecureRandom} is threadsafe.
 */
public final class TokenCipher {
  private static final int FORMAT = 1;
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final String AAD_LABEL = "herald.tokens/1";

  /**
   * Credentials as stored.
   *
   * @param keyId the id of the key that encrypted them
   * @param bytes the format byte, the IV, the ciphertext and its tag
   */
  public record Sealed(String keyId, byte[] bytes) {}

  private final String current;
  private final Map<String, SecretKey> keys;
  private final SecureRandom random = new SecureRandom();

  /**
   * A cipher writing with {@code currentKeyId}, reading with any of {@code keys}.
   *
   * @param keys the keys by id, {@code currentKeyId} among them; not copied (pass an immutable map)
   */
  public TokenCipher(String currentKeyId, Map<String, SecretKey> keys) {
    if (!keys.containsKey(currentKeyId)) {
      throw new IllegalArgumentException("no key with the current id " + currentKeyId);
    }
    this.current = currentKeyId;
    this.keys = keys;
    try {
      Cipher.getInstance(TRANSFORMATION); // fail at build, not at the first write
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(TRANSFORMATION + " is not available in this JVM", e);
    }
  }

  /** The id of the key every write uses. */
  public String currentKeyId() {
    return current;
  }

  /** The ids of the keys this cipher decrypts with. */
  public Set<String> keyIds() {
    return keys.keySet();
  }

  /** {@code credentials} encrypted with the current key for {@code target}'s row. */
  public Sealed seal(Target target, Credentials credentials) {
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    byte[] plaintext = CredentialsCodec.encode(credentials);
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.ENCRYPT_MODE, keys.get(current), new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(associatedData(target, current));
      byte[] ciphertext = cipher.doFinal(plaintext);
      byte[] sealed = new byte[1 + IV_BYTES + ciphertext.length];
      sealed[0] = FORMAT;
      System.arraycopy(iv, 0, sealed, 1, IV_BYTES);
      System.arraycopy(ciphertext, 0, sealed, 1 + IV_BYTES, ciphertext.length);
      return new Sealed(current, sealed);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("encrypting the credentials of " + target + " with key '"
          + current + "' failed", e);
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  /**
   * The credentials in {@code sealed}, read from {@code target}'s row that names {@code keyId}.
   *
   * @throws TokenDecryptionException naming the target and key id if they cannot be decrypted
   */
  public Credentials open(Target target, String keyId, byte[] sealed) {
    SecretKey key = keys.get(keyId);
    if (key == null) {
      throw new TokenDecryptionException(target, keyId, "cannot decrypt the credentials of "
          + target + ": they were encrypted with key '" + keyId + "', which this store was not"
          + " given (it has " + String.join(", ", keys.keySet()) + "). Add that key with"
          + " TokenKeys.withDecryptionKey(\"" + keyId + "\", key), or put the credentials again",
          null);
    }
    if (sealed.length < 1 + IV_BYTES + TAG_BITS / 8 || sealed[0] != FORMAT) {
      throw new TokenDecryptionException(target, keyId, "cannot decrypt the credentials of "
          + target + " (key '" + keyId + "'): the stored value is truncated or in an unknown format"
          + (sealed.length > 0 ? " (" + sealed[0] + ")" : ""), null);
    }
    byte[] plaintext;
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, IV_BYTES));
      cipher.updateAAD(associatedData(target, keyId));
      plaintext = cipher.doFinal(sealed, 1 + IV_BYTES, sealed.length - 1 - IV_BYTES);
    } catch (AEADBadTagException e) {
      throw new TokenDecryptionException(target, keyId, "cannot decrypt the credentials of "
          + target + " with key '" + keyId + "': the key given as '" + keyId + "' is not the key"
          + " they were encrypted with, or the row was altered or copied from another target's row",
          e);
    } catch (GeneralSecurityException e) {
      throw new TokenDecryptionException(target, keyId, "cannot decrypt the credentials of "
          + target + " with key '" + keyId + "': " + e.getClass().getSimpleName(), e);
    }
    try {
      return CredentialsCodec.decode(plaintext);
    } catch (IllegalArgumentException e) {
      throw new TokenDecryptionException(target, keyId, "the decrypted credentials of " + target
          + " (key '" + keyId + "') are malformed: " + e.getMessage(), null);
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  /** The label, the row's key and the key id, each length-prefixed so none can run into another. */
  private static byte[] associatedData(Target target, String keyId) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      for (String part : new String[] {AAD_LABEL, target.platform(),
          target.instance().orElse(""), target.account(), keyId}) {
        byte[] utf8 = part.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return bytes.toByteArray();
  }

  /** The key ids, never a key. */
  @Override
  public String toString() {
    return "TokenCipher[AES-256-GCM, writes with " + current + "]";
  }
}
