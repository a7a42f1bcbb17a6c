package dev.herald.scheduler.publish;

import dev.herald.scheduler.internal.Preconditions;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Herald-Signature} header of webhook deliveries: {@code t=<unix seconds>,v1=<hex>},
 * where {@code v1} is the lower-case hex HMAC-SHA256, keyed with the secret's UTF-8 bytes, of
 * {@code t + "." + body} (the body's exact bytes as UTF-8 text). Receivers check it with {@link
 * #verify(String, String, String, Duration)} before trusting a delivery; the timestamp bounds
 * replays. Stateless and threadsafe.
 */
public final class WebhookSignature {
  /** The name of the header that carries the signature. */
  public static final String HEADER = "Herald-Signature";

  private static final String ALGORITHM = "HmacSHA256";

  private WebhookSignature() {}

  /**
   * The header value signing {@code body} at {@code timestamp}.
   *
   * @param secret the shared secret, not blank
   * @param timestamp when the delivery is signed
   * @param body the request body
   * @return the header value, {@code t=<unix seconds>,v1=<hex>}
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code secret} is blank
   */
  public static String sign(String secret, Instant timestamp, String body) {
    Preconditions.notBlank(secret, "secret");
    Preconditions.notNull(timestamp, "timestamp");
    Preconditions.notNull(body, "body");
    long seconds = timestamp.getEpochSecond();
    return "t=" + seconds + ",v1=" + HexFormat.of().formatHex(mac(secret, seconds, body));
  }

  /**
   * Whether {@code header} is a valid signature of {@code body} with {@code secret}, made no
   * further than {@code tolerance} from now (system clock).
   *
   * @param secret the shared secret, not blank
   * @param header the {@value #HEADER} header as received; null or malformed is invalid
   * @param body the request body as received
   * @param tolerance how far the signature's timestamp may be from now, either way
   * @return true if the signature matches and is recent enough
   * @throws NullPointerException if {@code secret}, {@code body} or {@code tolerance} is null
   * @throws IllegalArgumentException if {@code secret} is blank or {@code tolerance} negative
   */
  public static boolean verify(String secret, String header, String body, Duration tolerance) {
    return verify(secret, header, body, tolerance, Instant.now());
  }

  /**
   * {@link #verify(String, String, String, Duration)} at {@code now}.
   *
   * @param secret the shared secret, not blank
   * @param header the {@value #HEADER} header as received; null or malformed is invalid
   * @param body the request body as received
   * @param tolerance how far the signature's timestamp may be from {@code now}, either way
   * @param now the current time
   * @return true if the signature matches and is recent enough
   * @throws NullPointerException if {@code secret}, {@code body}, {@code tolerance} or {@code now}
   *     is null
   * @throws IllegalArgumentException if {@code secret} is blank or {@code tolerance} negative
   */
  public static boolean verify(String secret, String header, String body, Duration tolerance,
      Instant now) {
    Preconditions.notBlank(secret, "secret");
    Preconditions.notNull(body, "body");
    Preconditions.notNegative(tolerance, "tolerance");
    Preconditions.notNull(now, "now");
    if (header == null) {
      return false;
    }
    Long seconds = null;
    byte[] expected = null;
    for (String part : header.split(",")) {
      String p = part.strip();
      try {
        if (p.startsWith("t=")) {
          seconds = Long.parseLong(p.substring(2));
        } else if (p.startsWith("v1=")) {
          expected = HexFormat.of().parseHex(p.substring(3));
        }
      } catch (IllegalArgumentException e) {
        return false; // malformed number or hex
      }
    }
    if (seconds == null || expected == null) {
      return false;
    }
    Duration age = Duration.between(Instant.ofEpochSecond(seconds), now).abs();
    if (age.compareTo(tolerance) > 0) {
      return false;
    }
    return MessageDigest.isEqual(expected, mac(secret, seconds, body));
  }

  private static byte[] mac(String secret, long seconds, String body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
      return mac.doFinal((seconds + "." + body).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
    }
  }
}
