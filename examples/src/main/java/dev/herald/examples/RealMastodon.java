package dev.herald.examples;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * A real Mastodon instance and an access token for it, for the demo to publish its Mastodon posts
 * to instead of the fake. {@link #toString()} hides the token.
 *
 * @param instance e.g. {@code https://mastodon.social}
 * @param account how the account is named in the demo's table
 * @param token the access token (scopes {@code write:statuses} and {@code write:media})
 */
record RealMastodon(URI instance, String account, String token) {
  static final String URL_VARIABLE = "HERALD_MASTODON_URL";
  static final String TOKEN_VARIABLE = "HERALD_MASTODON_TOKEN";
  static final String ACCOUNT_VARIABLE = "HERALD_MASTODON_ACCOUNT";

  /**
   * The instance that {@code HERALD_MASTODON_URL} and {@code HERALD_MASTODON_TOKEN} name in {@code
   * env}, if both are set; {@code HERALD_MASTODON_ACCOUNT} names the account (default {@code me}).
   *
   * @throws IllegalArgumentException if only one of the two is set, or the URL is not an http(s)
   *     URL
   */
  static Optional<RealMastodon> from(Map<String, String> env) {
    String url = env.getOrDefault(URL_VARIABLE, "").strip();
    String token = env.getOrDefault(TOKEN_VARIABLE, "").strip();
    if (url.isEmpty() && token.isEmpty()) {
      return Optional.empty();
    }
    if (url.isEmpty() || token.isEmpty()) {
      throw new IllegalArgumentException(
          (url.isEmpty() ? URL_VARIABLE : TOKEN_VARIABLE)
              + " is not set; set both "
              + URL_VARIABLE
              + " and "
              + TOKEN_VARIABLE
              + " to publish to a real Mastodon instance, or neither to use the fake");
    }
    URI instance = URI.create(url);
    if (!"https".equals(instance.getScheme()) && !"http".equals(instance.getScheme())) {
      throw new IllegalArgumentException(
          URL_VARIABLE + " must be an https: URL like https://mastodon.social, was '" + url + "'");
    }
    String account = env.getOrDefault(ACCOUNT_VARIABLE, "").strip();
    return Optional.of(new RealMastodon(instance, account.isEmpty() ? "me" : account, token));
  }

  @Override
  public String toString() {
    return "RealMastodon[" + instance + ", " + account + ", token=<redacted>]";
  }
}
