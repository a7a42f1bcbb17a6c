package dev.herald.platforms.internal.meta;

import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.PostValidationException;
import dev.herald.scheduler.publish.PostViolation;
import dev.herald.scheduler.publish.PublishRequest;
import dev.herald.scheduler.publish.PublishResult;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The checks every Meta publish makes before its first call: credentials stored and not expired,
 * the post valid, local media files readable. This class is threadsafe (stateless).
 */
public final class PublishChecks {

  private PublishChecks() {}

  /**
   * The result that ends {@code request} before any call, or empty when it may proceed.
   *
   * @param what how the token is named in messages, e.g. {@code "instagram token"}
   * @param advice what to do about an expired token
   * @param violations the post's violations, as the publisher's {@code validate} found them
   */
  public static Optional<PublishResult> before(
      String platform,
      String what,
      String advice,
      PublishRequest request,
      Optional<Credentials> credentials,
      Instant now,
      List<PostViolation> violations) {
    if (credentials.isEmpty()) {
      return Optional.of(
          PublishResult.authExpired(
              "no " + platform + " credentials stored for account '" + request.account() + "'"));
    }
    if (credentials.get().isExpiredAt(now)) {
      return Optional.of(
          PublishResult.authExpired(
              "the "
                  + what
                  + " of account '"
                  + request.account()
                  + "' expired at "
                  + credentials.get().expiresAt().orElseThrow()
                  + "; "
                  + advice));
    }
    if (!violations.isEmpty()) {
      return Optional.of(
          PublishResult.rejected(
              "invalid_post", new PostValidationException(violations).getMessage()));
    }
    for (Media media : request.post().media()) {
      if (media.isLocalFile() && !isReadable(media)) {
        return Optional.of(
            PublishResult.rejected(
                "media_unreadable",
                platform + ": media file " + media.source() + " does not exist or cannot be read"));
      }
    }
    return Optional.empty();
  }

  private static boolean isReadable(Media media) {
    try {
      Path file = Path.of(media.source());
      return Files.isRegularFile(file) && Files.isReadable(file);
    } catch (IllegalArgumentException | FileSystemNotFoundException e) {
      return false;
    }
  }
}
