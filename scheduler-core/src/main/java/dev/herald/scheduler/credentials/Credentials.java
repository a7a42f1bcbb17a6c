package dev.herald.scheduler.credentials;

import static dev.herald.scheduler.internal.Preconditions.notBlank;
import static dev.herald.scheduler.internal.Preconditions.notNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The credentials of one account on one platform: an access token and, where the platform has them,
 * a refresh token and expiry times.
 *
 * <p>{@link #toString()} never shows a token. Instances are immutable and threadsafe; derive
 * changed copies with the {@code with…} methods.
 */
public final class Credentials {

  private final String accessToken;
  private final String refreshToken;
  private final Instant issuedAt;
  private final Instant expiresAt;
  private final Instant refreshExpiresAt;

  private Credentials(
      String accessToken,
      String refreshToken,
      Instant issuedAt,
      Instant expiresAt,
      Instant refreshExpiresAt) {
    this.accessToken = notBlank(accessToken, "accessToken");
    this.refreshToken = refreshToken;
    this.issuedAt = issuedAt;
    this.expiresAt = expiresAt;
    this.refreshExpiresAt = refreshExpiresAt;
  }

  /**
   * Credentials holding only {@code accessToken} (Mastodon tokens do not expire).
   *
   * @param accessToken the access token
   * @return credentials with no refresh token and no known issue or expiry time
   * @throws IllegalArgumentException if it is blank
   */
  public static Credentials of(String accessToken) {
    return new Credentials(accessToken, null, null, null, null);
  }

  /**
   * The access token. Never log it.
   *
   * @return the access token, never blank
   */
  public String accessToken() {
    return accessToken;
  }

  /**
   * The refresh token, for platforms that issue one (TikTok, Pixelfed). Never log it.
   *
   * @return the refresh token, or empty if the platform issued none
   */
  public Optional<String> refreshToken() {
    return Optional.ofNullable(refreshToken);
  }

  /**
   * When the access token was issued, if known (Instagram refuses refreshes before 24 h).
   *
   * @return the issue time, or empty if unknown
   */
  public Optional<Instant> issuedAt() {
    return Optional.ofNullable(issuedAt);
  }

  /**
   * When the access token expires; empty if it does not expire or the expiry is unknown.
   *
   * @return the expiry time, or empty if the token does not expire or the expiry is unknown
   */
  public Optional<Instant> expiresAt() {
    return Optional.ofNullable(expiresAt);
  }

  /**
   * When the refresh token expires, if known.
   *
   * @return the refresh token's expiry time, or empty if unknown
   */
  public Optional<Instant> refreshExpiresAt() {
    return Optional.ofNullable(refreshExpiresAt);
  }

  /**
   * Whether the access token has expired at {@code now}.
   *
   * @param now the time to judge at
   * @return true if the expiry is known and not after {@code now}
   */
  public boolean isExpiredAt(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }

  /**
   * Whether the access token expires within {@code margin} of {@code now} (or already has).
   *
   * @param margin how soon before expiry the token counts as expiring
   * @param now the time to judge at
   * @return true if the expiry is known and not after {@code now + margin}
   */
  public boolean expiresWithin(Duration margin, Instant now) {
    return expiresAt != null && !now.plus(margin).isBefore(expiresAt);
  }

  /**
   * A copy with another access token (the other fields kept).
   *
   * @param accessToken the new access token
   * @return a new credentials object
   */
  public Credentials withAccessToken(String accessToken) {
    return new Credentials(accessToken, refreshToken, issuedAt, expiresAt, refreshExpiresAt);
  }

  /**
   * A copy with {@code refreshToken} (null for none) expiring at {@code refreshExpiresAt}.
   *
   * @param refreshToken the refresh token, or null for none
   * @param refreshExpiresAt when the refresh token expires, or null for unknown
   * @return a new credentials object
   */
  public Credentials withRefreshToken(String refreshToken, Instant refreshExpiresAt) {
    if (refreshToken != null) {
      notBlank(refreshToken, "refreshToken");
    }
    return new Credentials(accessToken, refreshToken, issuedAt, expiresAt, refreshExpiresAt);
  }

  /**
   * A copy issued at {@code issuedAt} (null for unknown).
   *
   * @param issuedAt the issue time, or null for unknown
   * @return a new credentials object
   */
  public Credentials withIssuedAt(Instant issuedAt) {
    return new Credentials(accessToken, refreshToken, issuedAt, expiresAt, refreshExpiresAt);
  }

  /**
   * A copy expiring at {@code expiresAt} (null for never or unknown).
   *
   * @param expiresAt the expiry time, or null for never or unknown
   * @return a new credentials object
   */
  public Credentials withExpiresAt(Instant expiresAt) {
    return new Credentials(accessToken, refreshToken, issuedAt, expiresAt, refreshExpiresAt);
  }

  /**
   * A copy issued at {@code now} and expiring {@code expiresIn} later, the way OAuth responses
   * report lifetimes ({@code expires_in} seconds).
   *
   * @param now the issue time
   * @param expiresIn the token's lifetime
   * @return a new credentials object
   */
  public Credentials issuedAt(Instant now, Duration expiresIn) {
    notNull(now, "now");
    notNull(expiresIn, "expiresIn");
    return new Credentials(accessToken, refreshToken, now, now.plus(expiresIn), refreshExpiresAt);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Credentials c
        && accessToken.equals(c.accessToken)
        && Objects.equals(refreshToken, c.refreshToken)
        && Objects.equals(issuedAt, c.issuedAt)
        && Objects.equals(expiresAt, c.expiresAt)
        && Objects.equals(refreshExpiresAt, c.refreshExpiresAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(accessToken, refreshToken, issuedAt, expiresAt, refreshExpiresAt);
  }

  /** The expiry times; both tokens are shown as {@code <redacted>}. */
  @Override
  public String toString() {
    return "Credentials[accessToken="
        + redacted(accessToken)
        + ", refreshToken="
        + redacted(refreshToken)
        + (issuedAt == null ? "" : ", issuedAt=" + issuedAt)
        + (expiresAt == null ? "" : ", expiresAt=" + expiresAt)
        + (refreshExpiresAt == null ? "" : ", refreshExpiresAt=" + refreshExpiresAt)
        + "]";
  }

  private static String redacted(String secret) {
    return secret == null ? "null" : "<redacted>";
  }
}
