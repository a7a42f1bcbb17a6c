package dev.herald.scheduler.publish;

import dev.herald.scheduler.internal.Preconditions;
import dev.herald.scheduler.retry.RetryPolicy;
import java.net.URI;
import java.time.Duration;

/**
 * Where and how publication events are POSTed as signed JSON: registered with {@link
 * Publishing.Builder#webhook(WebhookSettings)}.
 *
 * <p>Each event is one {@code POST} of {@code application/json} to {@link #url()}, with the headers
 * {@code Herald-Event-Id} (the event id) and {@code Herald-Signature: t=<unix seconds>,v1=<hex>},
 * where {@code v1} is the lower-case hex HMAC-SHA256, keyed with the secret's UTF-8 bytes, of
 * {@code t + "." + body}. {@link WebhookSignature#verify} checks it. A 2xx response delivers the
 * event; a 5xx, 408, 429, timeout or connection error is retried by {@link #retryPolicy()}; any
 * other status fails the delivery for good (the event job ends FAILED, in the dead-letter list).
 *
 * <p>The secret is never logged; {@link #toString()} redacts it. Immutable and threadsafe.
 */
public final class WebhookSettings {
  private final URI url;
  private final String secret;
  private final Duration timeout;
  private final RetryPolicy retryPolicy;

  private WebhookSettings(Builder b) {
    this.url = b.url;
    this.secret = b.secret;
    this.timeout = b.timeout;
    this.retryPolicy = b.retryPolicy;
  }

  /**
   * A builder.
   *
   * @param url the receiver's URL, {@code http} or {@code https}
   * @param secret the shared secret the body is signed with, not blank
   * @return a builder with the default timeout and retry policy
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code url} is not an absolute http(s) URL or {@code
   *     secret} is blank
   */
  public static Builder builder(URI url, String secret) {
    return new Builder(url, secret);
  }

  /**
   * The receiver's URL.
   *
   * @return the URL events are POSTed to
   */
  public URI url() {
    return url;
  }

  /**
   * The shared secret. Not part of {@link #toString()}; never log it.
   *
   * @return the secret
   */
  public String secret() {
    return secret;
  }

  /**
   * How long one delivery may take, from connecting to the end of the response.
   *
   * @return the request timeout
   */
  public Duration timeout() {
    return timeout;
  }

  /**
   * How failed deliveries are retried.
   *
   * @return the retry policy of the event job
   */
  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  @Override
  public String toString() {
    return "WebhookSettings[url=" + url + ", secret=<redacted>, timeout=" + timeout + ", "
        + retryPolicy + "]";
  }

  /** Builds {@link WebhookSettings}. Not threadsafe. */
  public static final class Builder {
    private final URI url;
    private final String secret;
    private Duration timeout = Duration.ofSeconds(10);
    private RetryPolicy retryPolicy = RetryPolicy.builder().maxAttempts(10)
        .backoff(Duration.ofSeconds(10), Duration.ofMinutes(30)).build();

    private Builder(URI url, String secret) {
      Preconditions.notNull(url, "url");
      String scheme = url.getScheme();
      Preconditions.checkArgument(url.isAbsolute() && url.getHost() != null
          && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)),
          "url must be an absolute http or https URL, was " + url);
      this.url = url;
      this.secret = Preconditions.notBlank(secret, "secret");
    }

    /**
     * How long one delivery may take (default 10 seconds); a timeout is retried.
     *
     * @param timeout the request timeout, positive
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = Preconditions.positive(timeout, "timeout");
      return this;
    }

    /**
     * How failed deliveries are retried (default 10 attempts, 10 s doubling up to 30 min). A
     * delivery still failing after the last attempt leaves the event job FAILED.
     *
     * @param policy the retry policy
     * @return this builder
     */
    public Builder retryPolicy(RetryPolicy policy) {
      this.retryPolicy = Preconditions.notNull(policy, "retryPolicy");
      return this;
    }

    /**
     * Builds it.
     *
     * @return the immutable settings
     */
    public WebhookSettings build() {
      return new WebhookSettings(this);
    }
  }
}
