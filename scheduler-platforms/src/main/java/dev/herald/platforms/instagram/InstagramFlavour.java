package dev.herald.platforms.instagram;

import java.net.URI;

/**
 * The two ways an app reaches the Instagram Graph API. The
 * publishing endpoints, parameters and responses are the same on both hosts; the differences are
 * the host, the token, and what the host allows.
 *
 * <p>Enum constants are immutable and threadsafe.
 */
public enum InstagramFlavour {

  /**
   * Instagram API with Facebook Login: {@code graph.facebook.com}, a Facebook user or Page token,
   * an IG business or creator account linked to a Page. Supports resumable video uploads to {@code
   * rupload.facebook.com}, so local video files can be published. Tokens are not refreshed but
   * re-derived from the long-lived user token ({@code FacebookTokenRefresher.forInstagram}).
   */
  FACEBOOK_LOGIN(URI.create("https://graph.facebook.com")),

  /**
   * Instagram API with Instagram Login: {@code graph.instagram.com}, an Instagram user token, no
   * Page needed. Resumable sessions need Facebook Login, so media must be public {@code https:}
   * URLs. Long-lived tokens are refreshed with {@link InstagramTokenRefresher}.
   */
  INSTAGRAM_LOGIN(URI.create("https://graph.instagram.com"));

  private final URI graphHost;

  InstagramFlavour(URI graphHost) {
    this.graphHost = graphHost;
  }

  /**
   * The production Graph host of this flavour.
   *
   * @return the Graph host, {@code https://graph.facebook.com} or {@code
   *     https://graph.instagram.com}
   */
  public URI defaultGraphBaseUri() {
    return graphHost;
  }

  /**
   * Whether local video files can be uploaded (resumable sessions need Facebook Login).
   *
   * @return true for the Facebook Login flavour
   */
  public boolean supportsResumableUpload() {
    return this == FACEBOOK_LOGIN;
  }
}
