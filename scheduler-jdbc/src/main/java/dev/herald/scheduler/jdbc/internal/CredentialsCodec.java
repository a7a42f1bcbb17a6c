package dev.herald.scheduler.jdbc.internal;

import dev.herald.scheduler.credentials.Credentials;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The plaintext inside a token row's ciphertext: a compact binary form of {@link Credentials},
 * independent of any JSON library. Layout (big-endian): a format byte ({@value #FORMAT}); the
 * access token (length-prefixed UTF-8); then the refresh token, issue time, expiry and refresh
 * expiry, each a presence byte followed, when present, by the value (a string as above, an instant
 * as epoch seconds and nanoseconds, so that instants keep their full precision). Stateless.
 */
final class CredentialsCodec {
  static final int FORMAT = 1;

  private CredentialsCodec() {}

  static byte[] encode(Credentials credentials) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      writeString(out, credentials.accessToken());
      writeString(out, credentials.refreshToken().orElse(null));
      writeInstant(out, credentials.issuedAt().orElse(null));
      writeInstant(out, credentials.expiresAt().orElse(null));
      writeInstant(out, credentials.refreshExpiresAt().orElse(null));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return bytes.toByteArray();
  }

  /**
   * The credentials in {@code plaintext}.
   *
   * @throws IllegalArgumentException if it is not in this format (the message names no value)
   */
  static Credentials decode(byte[] plaintext) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plaintext))) {
      int format = in.readUnsignedByte();
      if (format != FORMAT) {
        throw new IllegalArgumentException("unknown credentials format " + format);
      }
      String access = readString(in);
      if (access == null) {
        throw new IllegalArgumentException("missing access token");
      }
      String refresh = readString(in);
      Instant issuedAt = readInstant(in);
      Instant expiresAt = readInstant(in);
      Instant refreshExpiresAt = readInstant(in);
      if (in.available() > 0) {
        throw new IllegalArgumentException("trailing bytes after the credentials");
      }
      return Credentials.of(access)
          .withRefreshToken(refresh, refreshExpiresAt)
          .withIssuedAt(issuedAt)
          .withExpiresAt(expiresAt);
    } catch (IOException e) {
      throw new IllegalArgumentException("truncated credentials", e);
    }
  }

  private static void writeString(DataOutputStream out, String value) throws IOException {
    if (value == null) {
      out.writeBoolean(false);
      return;
    }
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.writeBoolean(true);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  /** A string written by {@link #writeString}, or null if it was absent. */
  private static String readString(DataInputStream in) throws IOException {
    if (!in.readBoolean()) {
      return null;
    }
    int length = in.readInt();
    if (length < 0 || length > in.available()) {
      throw new IllegalArgumentException("bad string length " + length);
    }
    return new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  private static void writeInstant(DataOutputStream out, Instant value) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      out.writeLong(value.getEpochSecond());
      out.writeInt(value.getNano());
    }
  }

  private static Instant readInstant(DataInputStream in) throws IOException {
    return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
  }
}
