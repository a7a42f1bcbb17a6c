package dev.herald.platforms.tiktok;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.platforms.Sleeper;
import dev.herald.platforms.internal.http.ApiResponse;
import dev.herald.platforms.internal.http.MalformedResponseException;
import dev.herald.platforms.internal.http.Outcomes;
import dev.herald.platforms.internal.http.Outcomes.Stage;
import dev.herald.platforms.internal.http.TransportException;
import dev.herald.scheduler.publish.PublishProgress;
import dev.herald.scheduler.publish.PublishResult;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.function.Supplier;

/**
 * What one publish run (or one status check) shares: the API, the account's token, the clock, the
 * sleeper, the settings and the request's progress, with the helpers that turn calls and waits into
 * {@link TikTokStop}s.
 *
 * <p>Not threadsafe: one instance per run.
 */
final class TikTokRun {

  final TikTokApi api;
  final InstantSource clock;
  final TikTokSettings settings;
  final String account;
  final String token;
  private final Sleeper sleeper;
  private final PublishProgress progress;

  TikTokRun(
      TikTokApi api,
      InstantSource clock,
      Sleeper sleeper,
      TikTokSettings settings,
      String account,
      String token,
      PublishProgress progress) {
    this.api = api;
    this.clock = clock;
    this.sleeper = sleeper;
    this.settings = settings;
    this.account = account;
    this.token = token;
    this.progress = progress;
  }

  /**
   * Records {@code publishId} in the request's progress under {@value
   * TikTokPublisher#PUBLISH_ID}, durably, before the run calls TikTok again: a run that dies from
   * here on leaves the id to {@link TikTokPublisher#reconcile}, which asks TikTok about it. A
   * failure to store it (a lost lease) propagates: the run must not go on.
   */
  void recordPublishId(String publishId) {
    progress.record(TikTokPublisher.PUBLISH_ID, publishId);
  }

  Instant now() {
    return clock.instant();
  }

  Duration retryDelay() {
    return settings.retryDelay();
  }

  /** {@code call}'s response; a transport failure ends the run as {@code stage} dictates. */
  ApiResponse call(Supplier<ApiResponse> call, Stage stage) throws TikTokStop {
    try {
      return call.get();
    } catch (TransportException e) {
      PublishResult result = Outcomes.transportFailure(e, stage, retryDelay());
      if (result instanceof PublishResult.Unknown) {
        result =
            PublishResult.unknown(
                e.getMessage()
                    + "; TikTok has no idempotency key and may be publishing: check the"
                    + " creator's recent posts before trying again");
      }
      throw new TikTokStop(result);
    }
  }

  /** The {@code data} of a successful response, or ends the run if the body is not usable. */
  JsonNode data(ApiResponse response, Stage stage) throws TikTokStop {
    try {
      JsonNode data = response.json().path("data");
      if (!data.isObject()) {
        throw new TikTokStop(malformed(response, stage, "no data object"));
      }
      return data;
    } catch (MalformedResponseException e) {
      throw new TikTokStop(malformed(response, stage, e.getMessage()));
    }
  }

  /**
   * A success without the expected body: after the call that starts publishing the post may be on
   * its way ({@code Unknown}); before it nothing was published.
   */
  PublishResult malformed(ApiResponse response, Stage stage, String what) {
    String reason = "tiktok " + response + ": unexpected body, " + what;
    return stage == Stage.PUBLISH
        ? PublishResult.unknown(reason)
        : PublishResult.retryLater(retryDelay(), reason);
  }

  /** Ends the run with the classification of an unsuccessful response. */
  TikTokStop refused(ApiResponse response, Stage stage) {
    return new TikTokStop(TikTokErrors.classify(response, stage, now(), retryDelay()));
  }

  /** An {@code Unknown} naming the publish id, so a host can reconcile with {@code checkStatus}. */
  PublishResult unknown(String publishId, String why) {
    return PublishResult.unknown(
        "tiktok publish_id "
            + publishId
            + ": "
            + why
            + "; the post may still go live, check with TikTokPublisher.checkStatus(account,"
            + " publishId) before publishing again");
  }

  /**
   * Waits {@code duration}. An interrupt ends the run: with {@code RetryLater} before anything was
   * started ({@code publishId} null), else with {@code Unknown}.
   */
  void sleep(Duration duration, String publishId) throws TikTokStop {
    try {
      sleeper.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TikTokStop(
          publishId == null
              ? PublishResult.retryLater(retryDelay(), "tiktok: interrupted while waiting")
              : unknown(publishId, "interrupted while waiting for the status"));
    }
  }
}
