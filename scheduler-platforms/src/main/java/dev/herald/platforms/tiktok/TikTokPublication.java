package dev.herald.platforms.tiktok;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.platforms.internal.Loggers;
import dev.herald.platforms.internal.Mp4Duration;
import dev.herald.platforms.internal.http.ApiResponse;
import dev.herald.platforms.internal.http.Json;
import dev.herald.platforms.internal.http.Outcomes.Stage;
import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PublishResult;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalDouble;
import org.slf4j.Logger;

/**
 * One run of the TikTok publish flow: read creator_info and honour it, init (video by
 * FILE_UPLOAD or PULL_FROM_URL, photos by PULL_FROM_URL), upload the chunks, then poll the status.
 * Posts with {@code post_mode=MEDIA_UPLOAD} go to the creator's inbox instead and skip
 * creator_info, which needs the {@code video.publish} scope.
 *
 * <p>Which failures can have published something: a FILE_UPLOAD init publishes nothing
 * until the last chunk arrives, so its failures are {@code RetryLater}; a PULL_FROM_URL or photo
 * init makes TikTok start downloading at once, so a lost response or a server error is {@code
 * Unknown} ({@link TikTokErrors}); once a
 * publish id exists, it is recorded in the request's progress before anything else is sent, the
 * status endpoint decides, and whatever it cannot settle is {@code Unknown} with the publish id in
 * the reason (and in the progress, for {@link TikTokPublisher#reconcile}).
 *
 * <p>Not threadsafe: one instance per {@code publish} call.
 */
final class TikTokPublication {

  private static final Logger log = Loggers.platform(TikTokPublisher.PLATFORM);

  private final TikTokRun run;

  TikTokPublication(TikTokRun run) {
    this.run = run;
  }

  PublishResult run(Post post) {
    try {
      boolean photo = TikTokPosts.isPhoto(post);
      boolean inbox = TikTokPosts.isInbox(post);
      Media media = post.media().get(0);
      Path file = !photo && media.isLocalFile() ? readableFile(media) : null;
      TikTokCreatorInfo creator = inbox ? null : creatorInfo();
      if (creator != null) {
        honour(creator, post, photo, file, media);
      }
      TikTokPolling.Started started;
      if (photo) {
        started = initPhoto(post, creator);
      } else if (file != null) {
        started = initFileUpload(post, creator, media, file);
      } else {
        started = initPull(post, creator, media);
      }
      return new TikTokPolling(run).await(started);
    } catch (TikTokStop stop) {
      return stop.result;
    }
  }

  /** creator_info for the account; its failures publish nothing. */
  TikTokCreatorInfo creatorInfo() throws TikTokStop {
    ApiResponse response = run.call(() -> run.api.creatorInfo(run.token), Stage.PREPARE);
    if (!TikTokErrors.isOk(response)) {
      throw run.refused(response, Stage.PREPARE);
    }
    return TikTokCreatorInfo.parse(run.data(response, Stage.PREPARE));
  }

  /** Refuses, before any init, what creator_info says the creator cannot post. */
  private void honour(TikTokCreatorInfo creator, Post post, boolean photo, Path file, Media media)
      throws TikTokStop {
    if (creator.canPost().orElse(true).equals(false)) {
      throw new TikTokStop(
          PublishResult.rateLimited(
              run.now().plus(TikTokErrors.DAILY_CAP),
              "tiktok creator_info: can_post is false for account " + run.account));
    }
    String privacy = post.option("privacy_level").orElseThrow();
    if (!creator.allowsPrivacyLevel(privacy)) {
      throw new TikTokStop(
          PublishResult.rejected(
              "privacy_level_option_mismatch",
              "tiktok: privacy_level "
                  + privacy
                  + " is not among the creator's options "
                  + creator.privacyLevelOptions()
                  + " (creator_info); nothing was sent"));
    }
    if (photo || file == null || creator.maxVideoPostDurationSec().isEmpty()) {
      return;
    }
    String type = media.mimeType().toLowerCase(Locale.ROOT);
    OptionalDouble seconds =
        type.equals("video/mp4") || type.equals("video/quicktime")
            ? Mp4Duration.seconds(file)
            : OptionalDouble.empty();
    int max = creator.maxVideoPostDurationSec().getAsInt();
    if (seconds.isPresent() && seconds.getAsDouble() > max) {
      throw new TikTokStop(
          PublishResult.rejected(
              "duration_check_failed",
              String.format(
                  Locale.ROOT,
                  "tiktok: the video is %.1f s long; the creator may post at most %d s"
                      + " (max_video_post_duration_sec); nothing was sent",
                  seconds.getAsDouble(),
                  max)));
    }
  }

  private TikTokPolling.Started initFileUpload(
      Post post, TikTokCreatorInfo creator, Media media, Path file) throws TikTokStop {
    ChunkPlan plan = ChunkPlan.of(size(file), run.settings.chunkSize());
    ObjectNode body = Json.object();
    if (creator != null) {
      body.set("post_info", TikTokPosts.videoPostInfo(post, creator));
    }
    ObjectNode source = body.putObject("source_info");
    source.put("source", "FILE_UPLOAD");
    source.put("video_size", plan.size());
    source.put("chunk_size", plan.chunkSize());
    source.put("total_chunk_count", plan.count());
    // Nothing is published before the last chunk arrives: a lost init response is harmless.
    ApiResponse response =
        run.call(
            () ->
                creator == null
                    ? run.api.inboxVideoInit(body, run.token)
                    : run.api.videoInit(body, run.token),
            Stage.PREPARE);
    if (!TikTokErrors.isOk(response)) {
      throw run.refused(response, Stage.PREPARE);
    }
    JsonNode data = run.data(response, Stage.PREPARE);
    String publishId = publishId(response, data, Stage.PREPARE);
    run.recordPublishId(publishId);
    URI uploadUrl =
        Json.text(data, "upload_url")
            .map(TikTokPublication::uri)
            .orElseThrow(
                () -> new TikTokStop(run.malformed(response, Stage.PREPARE, "no upload_url")));
    log.info(
        "tiktok account {}: FILE_UPLOAD started, publish_id {}, {} bytes in {} chunks",
        run.account,
        publishId,
        plan.size(),
        plan.count());
    TikTokPolling.Started started =
        new TikTokPolling.Started(publishId, false, true, creator, post);
    TikTokUpload upload =
        new TikTokUpload(
            run.api, d -> run.sleep(d, null), run.settings.pollInterval(), run.retryDelay());
    TikTokUpload.Outcome outcome = upload.send(uploadUrl, file, media.mimeType(), plan);
    if (outcome == TikTokUpload.Outcome.RECONCILE
        && new TikTokPolling(run).uploadIncomplete(started, plan.size())) {
      outcome = upload.send(uploadUrl, file, media.mimeType(), plan);
      if (outcome == TikTokUpload.Outcome.RECONCILE
          && new TikTokPolling(run).uploadIncomplete(started, plan.size())) {
        // The chunk may still be in flight on TikTok's side: do not let a retry upload it twice.
        throw new TikTokStop(run.unknown(publishId, "the last chunk's response was lost twice"));
      }
    }
    return started;
  }

  private TikTokPolling.Started initPull(Post post, TikTokCreatorInfo creator, Media media)
      throws TikTokStop {
    ObjectNode body = Json.object();
    if (creator != null) {
      body.set("post_info", TikTokPosts.videoPostInfo(post, creator));
    }
    ObjectNode source = body.putObject("source_info");
    source.put("source", "PULL_FROM_URL");
    source.put("video_url", media.source().toString());
    // TikTok starts downloading at once: from here on, a lost response may still publish.
    ApiResponse response =
        run.call(
            () ->
                creator == null
                    ? run.api.inboxVideoInit(body, run.token)
                    : run.api.videoInit(body, run.token),
            Stage.PUBLISH);
    return started(response, post, creator, "video PULL_FROM_URL");
  }

  private TikTokPolling.Started initPhoto(Post post, TikTokCreatorInfo creator) throws TikTokStop {
    ObjectNode body = TikTokPosts.photoInit(post, creator);
    ApiResponse response = run.call(() -> run.api.contentInit(body, run.token), Stage.PUBLISH);
    return started(response, post, creator, "photo PULL_FROM_URL");
  }

  private TikTokPolling.Started started(
      ApiResponse response, Post post, TikTokCreatorInfo creator, String what) throws TikTokStop {
    if (!TikTokErrors.isOk(response)) {
      throw run.refused(response, Stage.PUBLISH);
    }
    String publishId = publishId(response, run.data(response, Stage.PUBLISH), Stage.PUBLISH);
    run.recordPublishId(publishId);
    log.info("tiktok account {}: {} started, publish_id {}", run.account, what, publishId);
    return new TikTokPolling.Started(publishId, true, !TikTokPosts.isPhoto(post), creator, post);
  }

  private String publishId(ApiResponse response, JsonNode data, Stage stage) throws TikTokStop {
    return Json.text(data, "publish_id")
        .filter(id -> !id.isBlank())
        .orElseThrow(() -> new TikTokStop(run.malformed(response, stage, "no publish_id")));
  }

  private Path readableFile(Media media) throws TikTokStop {
    Path file;
    try {
      file = Path.of(media.source());
    } catch (IllegalArgumentException | FileSystemNotFoundException e) {
      file = null;
    }
    if (file == null || !Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new TikTokStop(
          PublishResult.rejected(
              "media_unreadable",
              "tiktok: video file " + media.source() + " does not exist or cannot be read"));
    }
    if (size(file) == 0) {
      throw new TikTokStop(
          PublishResult.rejected(
              "media_unreadable", "tiktok: video file " + media.source() + " is empty"));
    }
    return file;
  }

  private long size(Path file) throws TikTokStop {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new TikTokStop(
          PublishResult.rejected(
              "media_unreadable", "tiktok: cannot read the size of " + file.toUri()));
    }
  }

  /** The upload URL, or null if TikTok sent something that is not a URI. */
  private static URI uri(String url) {
    try {
      URI uri = new URI(url);
      return uri.isAbsolute() ? uri : null;
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }
}
