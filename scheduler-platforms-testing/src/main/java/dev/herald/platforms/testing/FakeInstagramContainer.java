package dev.herald.platforms.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One container of a {@link FakeInstagram} and its lifecycle: {@code IN_PROGRESS} for a number of
 * polls (for ever while a resumable upload is missing), then {@code FINISHED}; {@code PUBLISHED}
 * once published; {@code EXPIRED} 24 hours after creation or when forced; {@code ERROR} when
 * forced. Mutable; guarded by the fake's lock.
 */
final class FakeInstagramContainer {

  static final Duration LIFETIME = Duration.ofHours(24);

  final String id;
  final String account;
  final String mediaType;
  final boolean carouselItem;
  final List<String> children;
  final String caption;
  final String mediaUrl;
  final Instant createdAt;
  final boolean resumable;
  boolean uploaded;
  /** A video (reel, story or carousel item), as opposed to an image or a carousel parent. */
  boolean video;
  int pollsLeft;
  boolean forcedExpired;
  Integer errorSubcode;
  boolean finishedSeen;
  /** Its status reads normally, but media_publish cannot find it (24/2207006). */
  boolean lost;
  String mediaId;

  FakeInstagramContainer(
      String id,
      String account,
      String mediaType,
      boolean carouselItem,
      List<String> children,
      String caption,
      String mediaUrl,
      Instant createdAt,
      boolean resumable) {
    this.id = id;
    this.account = account;
    this.mediaType = mediaType;
    this.carouselItem = carouselItem;
    this.children = List.copyOf(children);
    this.caption = caption;
    this.mediaUrl = mediaUrl;
    this.createdAt = createdAt;
    this.resumable = resumable;
  }

  /**
   * The {@code status_code} at {@code now}. A {@code poll} consumes one of the {@code IN_PROGRESS}
   * answers and records that the client saw {@code FINISHED}; a peek changes nothing.
   */
  String status(Instant now, boolean poll) {
    if (mediaId != null) {
      return "PUBLISHED";
    }
    if (forcedExpired || !now.isBefore(createdAt.plus(LIFETIME))) {
      return "EXPIRED";
    }
    if (errorSubcode != null) {
      return "ERROR";
    }
    if (resumable && !uploaded) {
      return "IN_PROGRESS";
    }
    if (pollsLeft > 0) {
      if (poll) {
        pollsLeft--;
      }
      return "IN_PROGRESS";
    }
    if (poll) {
      finishedSeen = true;
    }
    return "FINISHED";
  }

  /** The media type a published post of this container shows. */
  String publishedType() {
    return switch (mediaType) {
      case "CAROUSEL" -> "CAROUSEL_ALBUM";
      case "REELS", "VIDEO" -> "VIDEO";
      case "STORIES" -> video ? "VIDEO" : "IMAGE";
      default -> "IMAGE";
    };
  }
}
