package dev.herald.examples;

import dev.herald.scheduler.jdbc.TokenKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The demo's token encryption key: {@code HERALD_TOKEN_KEY} (32 bytes, base64) if set, else a key
 * file beside the database, made on the first run with {@link SecureRandom} and readable by its
 * owner only. A production service keeps the key away from the database and its backups: in a
 * secret manager or the environment. Not instantiable.
 */
final class DemoKeys {
  static final String KEY_ID = "demo-1";
  static final String ENV = "HERALD_TOKEN_KEY";

  private DemoKeys() {}

  /** The key from {@value #ENV}, or from the file {@code token.key} in {@code dir}. */
  static TokenKeys load(Path dir) throws IOException {
    String env = System.getenv(ENV);
    if (env != null && !env.isBlank()) {
      return TokenKeys.of(KEY_ID, Base64.getDecoder().decode(env.strip()));
    }
    Path file = dir.resolve("token.key");
    if (!Files.exists(file)) {
      byte[] key = new byte[TokenKeys.KEY_BYTES];
      new SecureRandom().nextBytes(key);
      Files.writeString(file, Base64.getEncoder().encodeToString(key));
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the directory's own permissions apply
      }
    }
    return TokenKeys.of(KEY_ID, Base64.getDecoder().decode(Files.readString(file).strip()));
  }
}
