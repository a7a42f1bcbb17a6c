package dev.herald.platforms.instagram;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.platforms.Sleeper;
import dev.herald.platforms.internal.http.ApiResponse;
import dev.herald.platforms.internal.http.Json;
import dev.herald.platforms.internal.http.Outcomes.Stage;
import dev.herald.platforms.internal.meta.GraphOutcomes;
import dev.herald.platforms.internal.meta.PublishStop;
import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PublishResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Creates the containers of one post and waits for them: one
 * container for a single image or reel; for a carousel, one child per item, each awaited, then the
 * parent. Local videos are uploaded to the container's resumable session. Waiting polls {@code
 * status_code} until {@code FINISHED}: {@code media_publish} is never called before that.
 *
 * <p>An {@code EXPIRED} container, or one in {@code ERROR} with a transient subcode, throws {@link
 * Recreate}; the publication then creates the set again. Every call here happens before the post is
 * public, so a failure is at worst {@code RetryLater}.
 *
 * <p>Not threadsafe: one instance per publish run.
 */
final class InstagramContainers {

  /** The container set must be created again (expired, or failed for a transient cause). */
  static final class Recreate extends Exception {
    private static final long serialVersionUID = 1L;

    Recreate(String reason) {
      super(reason, null, false, false);
    }
  }

  /** The container {@code status_code} values. */
  static final String IN_PROGRESS = "IN_PROGRESS";

  static final String FINISHED = "FINISHED";
  static final String PUBLISHED = "PUBLISHED";
  static final String ERROR = "ERROR";
  static final String EXPIRED = "EXPIRED";

  /**
   * The subcode inside an {@code ERROR} container's {@code status} text, e.g. {@code Error: Media
   * upload has failed with error code 2207026}. The documentation makes this text the only carrier
   * of the subcode, so it is parsed; nothing else is read from message text.
   */
  private static final Pattern STATUS_SUBCODE = Pattern.compile("(\\d{6,9})");

  private final InstagramApi api;
  private final InstagramPublisher.Settings settings;
  private final Sleeper sleeper;
  private final String igUser;
  private final String token;

  InstagramContainers(
      InstagramApi api,
      InstagramPublisher.Settings settings,
      Sleeper sleeper,
      String igUser,
      String token) {
    this.api = api;
    this.settings = settings;
    this.sleeper = sleeper;
    this.igUser = igUser;
    this.token = token;
  }

  /**
   * Creates the containers of {@code post} and waits until the one to publish is {@code FINISHED}.
   *
   * @param onRoot told the id of the container to publish as soon as it exists
   * @return that container's id
   */
  String create(Post post, Consumer<String> onRoot) throws Recreate, PublishStop {
    if (post.media().size() == 1) {
      String id = createOne(InstagramPosts.single(post));
      onRoot.accept(id);
      awaitFinished(id);
      return id;
    }
    List<String> children = new ArrayList<>();
    for (Media media : post.media()) {
      children.add(createOne(InstagramPosts.child(media)));
    }
    for (String child : children) {
      awaitFinished(child);
    }
    String parent = createOne(InstagramPosts.carousel(post, children));
    onRoot.accept(parent);
    awaitFinished(parent);
    return parent;
  }

  /** Polls {@code id} until {@code FINISHED}; {@code PUBLISHED} is reported, not awaited. */
  String awaitFinished(String id) throws Recreate, PublishStop {
    for (int poll = 1; ; poll++) {
      JsonNode status = read(id);
      String code = status.path("status_code").asText("");
      switch (code) {
        case FINISHED, PUBLISHED:
          return code;
        case EXPIRED:
          throw new Recreate("instagram: container " + id + " expired before it was published");
        case ERROR:
          throw containerError(id, status.path("status").asText(""));
        default:
          if (poll >= settings.maxPolls()) {
            throw new PublishStop(
                PublishResult.retryLater(
                    settings.retryDelay(),
                    "instagram: container "
                        + id
                        + " is still "
                        + (code.isEmpty() ? "without status_code" : code)
                        + " after "
                        + poll
                        + " polls; the next attempt polls it again"));
          }
          PublishStop.sleep(sleeper, settings.pollInterval(), "instagram", settings.retryDelay());
      }
    }
  }

  /** {@code GET /{container-id}?fields=status_code,status}, its errors classified. */
  JsonNode read(String id) throws PublishStop {
    ApiResponse response =
        PublishStop.send(
            () -> api.containerStatus(id, token), Stage.PREPARE, settings.retryDelay());
    if (!response.isSuccessful()) {
      throw new PublishStop(InstagramErrors.classify(response, settings, now()));
    }
    return PublishStop.json("instagram", response, Stage.PREPARE, settings.retryDelay());
  }

  private String createOne(InstagramPosts.Spec spec) throws PublishStop {
    ApiResponse response = null;
    for (int attempt = 1; attempt <= 2; attempt++) {
      response =
          PublishStop.send(
              () -> api.createContainer(igUser, spec.params(), token),
              Stage.PREPARE,
              settings.retryDelay());
      boolean fetchFailed =
          GraphOutcomes.error(response).filter(e -> e.is(9004, 2207052)).isPresent();
      if (!fetchFailed || attempt == 2) {
        break;
      }
      // 9004/2207052: "usually permanent; integrators report occasional flakiness: retry once".
      PublishStop.sleep(sleeper, settings.pollInterval(), "instagram", settings.retryDelay());
    }
    if (!response.isSuccessful()) {
      throw new PublishStop(InstagramErrors.classify(response, settings, now()));
    }
    ApiResponse created = response;
    JsonNode body = PublishStop.json("instagram", created, Stage.PREPARE, settings.retryDelay());
    String id =
        Json.text(body, "id")
            .orElseThrow(
                () ->
                    PublishStop.malformed(
                        "instagram", created, Stage.PREPARE, settings.retryDelay(), "no id"));
    if (spec.upload().isPresent()) {
      upload(id, Json.text(body, "uri"), spec.upload().get());
    }
    return id;
  }

  private void upload(String id, Optional<String> uri, Path file) throws PublishStop {
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new PublishStop(
          PublishResult.rejected(
              "media_unreadable",
              "instagram: local video " + file.getFileName() + " cannot be read"));
    }
    ApiResponse response =
        PublishStop.send(
            () -> api.upload(api.uploadUri(id, uri), file, size, token),
            Stage.PREPARE,
            settings.retryDelay());
    JsonNode body = response.jsonOrMissing();
    if (!response.isSuccessful()) {
      throw new PublishStop(InstagramErrors.classify(response, settings, now()));
    }
    if (!body.path("success").asBoolean(false)) {
      throw PublishStop.malformed(
          "instagram", response, Stage.PREPARE, settings.retryDelay(), "upload not successful");
    }
  }

  /**
   * The stop for a container in {@code ERROR}: {@code Rejected} with {@code ERROR/<subcode>}, or
   * {@link Recreate} when the subcode names a transient cause.
   */
  private PublishStop containerError(String id, String statusText) throws Recreate {
    Matcher m = STATUS_SUBCODE.matcher(statusText);
    Optional<Integer> subcode =
        m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    if (subcode.filter(InstagramErrors.TRANSIENT_CONTAINER_SUBCODES::contains).isPresent()) {
      throw new Recreate(
          "instagram: container " + id + " failed for a transient cause: " + statusText);
    }
    return new PublishStop(
        PublishResult.rejected(
            subcode.map(c -> "ERROR/" + c).orElse("ERROR"),
            "instagram: container " + id + " failed: " + statusText.replace('\n', ' ')));
  }

  private Instant now() {
    return settings.clock().instant();
  }
}
