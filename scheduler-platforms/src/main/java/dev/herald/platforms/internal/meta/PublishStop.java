package dev.herald.platforms.internal.meta;

import static dev.herald.platforms.internal.Preconditions.notNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.platforms.Sleeper;
import dev.herald.platforms.internal.http.ApiResponse;
import dev.herald.platforms.internal.http.MalformedResponseException;
import dev.herald.platforms.internal.http.Outcomes;
import dev.herald.platforms.internal.http.TransportException;
import dev.herald.scheduler.publish.PublishResult;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Thrown inside a multi-step publish flow to end it with {@link #result()}, and the helpers that
 * throw it: a call whose transport failure is classified by stage, a strict JSON read, and an
 * interruptible wait. Cheap: no stack trace.
 *
 * <p>Instances are immutable; the class is threadsafe.
 */
public final class PublishStop extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient PublishResult result;

  /** A stop ending the flow with {@code result}. */
  public PublishStop(PublishResult result) {
    super(null, null, false, false);
    this.result = notNull(result, "result");
  }

  /** How the flow ends. */
  public PublishResult result() {
    return result;
  }

  /**
   * Sends {@code call}; a transport failure ends the flow as {@link
   * Outcomes#transportFailure(TransportException, Outcomes.Stage, Duration)} classifies it.
   */
  public static ApiResponse send(
      Supplier<ApiResponse> call, Outcomes.Stage stage, Duration retryDelay) throws PublishStop {
    try {
      return call.get();
    } catch (TransportException e) {
      throw new PublishStop(Outcomes.transportFailure(e, stage, retryDelay));
    }
  }

  /**
   * The JSON body of a successful {@code response}; a malformed one ends the flow: {@code Unknown}
   * after the publishing call (the post may exist), {@code RetryLater} before it.
   */
  public static JsonNode json(
      String platform, ApiResponse response, Outcomes.Stage stage, Duration retryDelay)
      throws PublishStop {
    try {
      return response.json();
    } catch (MalformedResponseException e) {
      throw malformed(platform, response, stage, retryDelay, e.getMessage());
    }
  }

  /** The stop for a 2xx without the expected body; see {@link #json}. */
  public static PublishStop malformed(
      String platform,
      ApiResponse response,
      Outcomes.Stage stage,
      Duration retryDelay,
      String what) {
    String reason = platform + " " + response + ": unexpected body, " + what;
    return new PublishStop(
        stage == Outcomes.Stage.PUBLISH
            ? PublishResult.unknown(reason)
            : PublishResult.retryLater(retryDelay, reason));
  }

  /** Waits {@code duration}; an interrupt ends the flow as {@code RetryLater}. */
  public static void sleep(Sleeper sleeper, Duration duration, String platform, Duration retryDelay)
      throws PublishStop {
    sleep(
        sleeper,
        duration,
        PublishResult.retryLater(retryDelay, platform + ": interrupted while waiting"));
  }

  /**
   * Waits {@code duration}; an interrupt ends the flow with {@code ifInterrupted} (after a
   * publishing call whose outcome is open, that is {@code Unknown}, not {@code RetryLater}).
   */
  public static void sleep(Sleeper sleeper, Duration duration, PublishResult ifInterrupted)
      throws PublishStop {
    try {
      sleeper.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PublishStop(ifInterrupted);
    }
  }
}
