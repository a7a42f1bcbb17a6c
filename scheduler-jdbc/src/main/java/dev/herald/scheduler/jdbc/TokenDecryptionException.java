package dev.herald.scheduler.jdbc;

import dev.herald.scheduler.SchedulerException;
import dev.herald.scheduler.publish.Target;

/**
 * A {@link JdbcTokenStore} could not decrypt the stored credentials of a target: the row was
 * written with a key the store was not given, the key given under that id is another key, or the
 * row was altered or copied from another target's row. Trying again does not help; configuring the
 * key does (see {@link TokenKeys}), or storing the credentials again.
 *
 * <p>The message names the target and the key id, never a token or a key. Immutable, and so
 * threadsafe.
 */
public class TokenDecryptionException extends SchedulerException {
  private static final long serialVersionUID = 1L;

  /** Not serialised: a Target is not Serializable. */
  private final transient Target target;

  /** The id of the key the row names. */
  private final String keyId;

  /**
   * A failure to decrypt the credentials of {@code target}, written with the key {@code keyId}.
   *
   * @param target the target whose credentials could not be read
   * @param keyId the id of the key the row names
   * @param message what went wrong and what to do about it
   * @param cause the cipher's exception, or null
   */
  public TokenDecryptionException(Target target, String keyId, String message, Throwable cause) {
    super(message, cause);
    this.target = target;
    this.keyId = keyId;
  }

  /**
   * The target whose credentials could not be decrypted.
   *
   * @return the target; null after deserialisation
   */
  public Target target() {
    return target;
  }

  /**
   * The id of the key the stored row says it was encrypted with.
   *
   * @return the key id
   */
  public String keyId() {
    return keyId;
  }
}
