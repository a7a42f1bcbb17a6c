/**
 * The HTTP plumbing every adapter builds on; not exported.
 *
 * <ul>
 *   <li>{@link dev.herald.platforms.internal.http.HttpTransport}: the JDK {@code HttpClient} with
 *       per-request timeouts and redacted DEBUG logging; failures become a {@link
 *       dev.herald.platforms.internal.http.TransportException} that says whether the request can
 *       have reached the platform.
 *   <li>{@link dev.herald.platforms.internal.http.ApiRequest} (secrets registered for masking) and
 *       {@link dev.herald.platforms.internal.http.ApiResponse} (status, headers, JSON).
 *   <li>Bodies: {@link dev.herald.platforms.internal.http.FormBody}, {@link
 *       dev.herald.platforms.internal.http.MultipartBody}, {@link
 *       dev.herald.platforms.internal.http.JsonBody}, {@link
 *       dev.herald.platforms.internal.http.BinaryBody} (file ranges for chunked uploads, with
 *       {@link dev.herald.platforms.internal.http.ContentRange}).
 *   <li>{@link dev.herald.platforms.internal.http.Json} (exact big integers), {@link
 *       dev.herald.platforms.internal.http.RateLimits} ({@code X-RateLimit-*}, {@code
 *       Retry-After}), {@link dev.herald.platforms.internal.http.Uris} and {@link
 *       dev.herald.platforms.internal.http.Outcomes} (transport failures and rate limits as {@code
 *       PublishResult}s).
 * </ul>
 */
package dev.herald.platforms.internal.http;
