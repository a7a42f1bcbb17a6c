package dev.herald.platforms.tiktok;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.platforms.internal.http.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What {@code POST /v2/post/publish/creator_info/query/} says about a creator: the privacy
 * levels they may post with, the interactions they turned off, and the longest video they may post.
 * TikTok's UX guidelines ask apps to show this to the creator before every post; {@link
 * TikTokPublisher} reads it before every direct post and honours it.
 *
 * <p>Instances are immutable and threadsafe.
 *
 * @param username the creator's handle ({@code creator_username}), used to derive video URLs
 * @param nickname the display name
 * @param privacyLevelOptions the privacy levels the creator may post with
 * @param commentDisabled whether the creator turned comments off
 * @param duetDisabled whether duets are off (always for private accounts; ignored for photos)
 * @param stitchDisabled whether stitches are off (always for private accounts; ignored for photos)
 * @param maxVideoPostDurationSec the longest video the creator may post, if TikTok said
 * @param canPost {@code can_post}, if TikTok sent it: the reference documents no such field and
 *     signals a creator who cannot post with {@code spam_risk_*} errors instead, but a {@code
 *     false} is honoured when present
 */
public record TikTokCreatorInfo(
    String username,
    String nickname,
    List<String> privacyLevelOptions,
    boolean commentDisabled,
    boolean duetDisabled,
    boolean stitchDisabled,
    OptionalInt maxVideoPostDurationSec,
    Optional<Boolean> canPost) {

  /**
   * Copies the list.
   *
   * @param username the creator's handle
   * @param nickname the display name
   * @param privacyLevelOptions the privacy levels the creator may post with
   * @param commentDisabled whether the creator turned comments off
   * @param duetDisabled whether duets are off
   * @param stitchDisabled whether stitches are off
   * @param maxVideoPostDurationSec the longest video the creator may post, if TikTok said
   * @param canPost {@code can_post}, if TikTok sent it
   */
  public TikTokCreatorInfo {
    username = username == null ? "" : username;
    nickname = nickname == null ? "" : nickname;
    privacyLevelOptions = List.copyOf(privacyLevelOptions);
  }

  /**
   * Whether the creator may post with {@code privacyLevel}.
   *
   * @param privacyLevel a privacy level, such as {@code PUBLIC_TO_EVERYONE}
   * @return true if {@code privacyLevelOptions} contains it
   */
  public boolean allowsPrivacyLevel(String privacyLevel) {
    return privacyLevelOptions.contains(privacyLevel);
  }

  /** The {@code data} member of a successful creator_info response. */
  static TikTokCreatorInfo parse(JsonNode data) {
    List<String> options = new ArrayList<>();
    data.path("privacy_level_options").forEach(o -> options.add(o.asText()));
    JsonNode max = data.path("max_video_post_duration_sec");
    JsonNode canPost = data.path("can_post");
    return new TikTokCreatorInfo(
        Json.text(data, "creator_username").orElse(""),
        Json.text(data, "creator_nickname").orElse(""),
        options,
        data.path("comment_disabled").asBoolean(false),
        data.path("duet_disabled").asBoolean(false),
        data.path("stitch_disabled").asBoolean(false),
        max.canConvertToInt() && max.asInt() > 0
            ? OptionalInt.of(max.asInt())
            : OptionalInt.empty(),
        canPost.isBoolean() ? Optional.of(canPost.asBoolean()) : Optional.empty());
  }
}
