package dev.herald.platforms.tiktok;

import dev.herald.platforms.internal.http.ApiResponse;
import dev.herald.platforms.internal.http.ContentRange;
import dev.herald.platforms.internal.http.TransportException;
import dev.herald.scheduler.publish.PublishResult;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Sends a file to a FILE_UPLOAD {@code upload_url} in sequential chunks: 206 means the chunk
 * was accepted and more are expected, 201 that every byte arrived and posting starts. A 416 means
 * the server's progress differs from ours; its {@code Content-Range: bytes 0-<last>/<total>} tells
 * where to resume. A 5xx or a lost response is retried on the same chunk (if the server had it, the
 * retry earns a 416 and a resync). 403 (the URL expired after an hour) and 404 (unknown task) end
 * the run with {@code RetryLater}: nothing was published, and the next attempt starts over with a
 * new init.
 *
 * <p>A lost response to the <em>final</em> chunk is different: TikTok may have every byte and be
 * publishing. The upload then reports {@link Outcome#RECONCILE} so the caller asks the status
 * endpoint instead of guessing; so does a 416 saying every byte already arrived.
 *
 * <p>Not threadsafe: one instance per publish run.
 */
final class TikTokUpload {

  /** How an upload ended, when it did not end the run. */
  enum Outcome {
    /** 201: all bytes received. */
    COMPLETE,
    /** The final chunk's response was lost or inconsistent: ask the status endpoint. */
    RECONCILE
  }

  /** Waits between retries of a chunk. */
  interface Pause {
    void pause(Duration duration) throws TikTokStop;
  }

  static final int MAX_ATTEMPTS_PER_CHUNK = 3;
  static final int MAX_RESYNCS = 5;

  private static final Pattern NOTHING_RECEIVED = Pattern.compile("bytes\\s+\\*/\\d+");

  private final TikTokApi api;
  private final Pause pause;
  private final Duration retryWait;
  private final Duration retryDelay;

  TikTokUpload(TikTokApi api, Pause pause, Duration retryWait, Duration retryDelay) {
    this.api = api;
    this.pause = pause;
    this.retryWait = retryWait;
    this.retryDelay = retryDelay;
  }

  Outcome send(URI url, Path file, String type, ChunkPlan plan) throws TikTokStop {
    long offset = 0;
    int attempts = 0;
    int resyncs = 0;
    while (true) {
      int index = plan.indexOf(offset);
      long last = plan.last(index);
      boolean finalChunk = last == plan.size() - 1;
      ApiResponse response;
      try {
        response = api.putChunk(url, file, offset, last, plan.size(), type);
      } catch (TransportException e) {
        if (finalChunk && !e.wasNotSent()) {
          return Outcome.RECONCILE;
        }
        attempts = retry(attempts, e.getMessage());
        continue;
      }
      int status = response.status();
      if (status == 201) {
        return Outcome.COMPLETE;
      }
      if (status == 206) {
        offset = received(response).orElse(last + 1);
        attempts = 0;
        if (offset >= plan.size()) {
          return Outcome.RECONCILE;
        }
      } else if (status == 416) {
        OptionalLong resume = received(response);
        if (resume.isPresent() && resume.getAsLong() >= plan.size()) {
          return Outcome.RECONCILE;
        }
        if (resume.isEmpty() || ++resyncs > MAX_RESYNCS) {
          throw stop(response, "416 without a usable Content-Range to resume from");
        }
        offset = resume.getAsLong();
      } else if (status >= 500) {
        attempts = retry(attempts, describe(response));
      } else if (status == 403 || status == 404) {
        throw stop(
            response,
            status == 403 ? "the upload_url expired (valid 1 hour)" : "unknown upload task");
      } else {
        throw new TikTokStop(
            PublishResult.rejected(
                "upload_" + status, describe(response) + ": the chunk was refused"));
      }
    }
  }

  /**
   * The offset after the bytes the server reports received: {@code bytes 0-<last>/<total>} gives
   * {@code last + 1}, {@code bytes *}{@code /<total>} gives 0; empty without a usable header.
   */
  static OptionalLong received(ApiResponse response) {
    String header = response.header("Content-Range").orElse("").trim();
    if (NOTHING_RECEIVED.matcher(header).matches()) {
      return OptionalLong.of(0);
    }
    OptionalLong last = ContentRange.lastByte(header);
    return last.isPresent() ? OptionalLong.of(last.getAsLong() + 1) : OptionalLong.empty();
  }

  private int retry(int attempts, String what) throws TikTokStop {
    if (attempts + 1 >= MAX_ATTEMPTS_PER_CHUNK) {
      throw new TikTokStop(
          PublishResult.retryLater(
              retryDelay,
              what
                  + "; gave up after "
                  + MAX_ATTEMPTS_PER_CHUNK
                  + " tries of the chunk, nothing"
                  + " was published"));
    }
    pause.pause(retryWait);
    return attempts + 1;
  }

  private TikTokStop stop(ApiResponse response, String why) {
    return new TikTokStop(
        PublishResult.retryLater(
            retryDelay,
            describe(response)
                + ": "
                + why
                + "; nothing was published, the next attempt"
                + " starts a new upload"));
  }

  private static String describe(ApiResponse response) {
    return "tiktok " + response.request() + ": HTTP " + response.status();
  }
}
