package dev.herald.platforms.tiktok;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The {@code data} of a {@code status/fetch} response. Post ids are read as exact decimal
 * text: TikTok sends them as int64 JSON numbers above 2<sup>53</sup>, which a double would round.
 *
 * <p>Instances are immutable and threadsafe.
 *
 * @param status {@code PROCESSING_UPLOAD}, {@code PROCESSING_DOWNLOAD}, {@code SEND_TO_USER_INBOX},
 *     {@code PUBLISH_COMPLETE}, {@code FAILED}, or empty if absent
 * @param failReason set when {@code FAILED}; else empty
 * @param postIds {@code publicaly_available_post_id} (the real, misspelt name) or {@code
 *     publicly_available_post_id}, exact; empty until the post is public and moderated
 * @param uploadedBytes FILE_UPLOAD progress, if reported
 */
record TikTokStatus(
    String status, String failReason, List<String> postIds, OptionalLong uploadedBytes) {

  static final String PROCESSING_UPLOAD = "PROCESSING_UPLOAD";
  static final String PROCESSING_DOWNLOAD = "PROCESSING_DOWNLOAD";
  static final String SEND_TO_USER_INBOX = "SEND_TO_USER_INBOX";
  static final String PUBLISH_COMPLETE = "PUBLISH_COMPLETE";
  static final String FAILED = "FAILED";

  TikTokStatus {
    postIds = List.copyOf(postIds);
  }

  static TikTokStatus parse(JsonNode data) {
    JsonNode uploaded = data.path("uploaded_bytes");
    return new TikTokStatus(
        data.path("status").asText(""),
        data.path("fail_reason").asText(""),
        postIds(data),
        uploaded.canConvertToLong() ? OptionalLong.of(uploaded.asLong()) : OptionalLong.empty());
  }

  /** The post ids under either spelling, as exact text; a lone number or string is accepted. */
  static List<String> postIds(JsonNode data) {
    JsonNode ids = data.path("publicaly_available_post_id");
    if (ids.isMissingNode() || ids.isNull() || ids.isEmpty() && !ids.isValueNode()) {
      JsonNode other = data.path("publicly_available_post_id");
      if (!other.isMissingNode() && !other.isNull()) {
        ids = other;
      }
    }
    List<String> out = new ArrayList<>();
    if (ids.isArray()) {
      ids.forEach(id -> exact(id, out));
    } else {
      exact(ids, out);
    }
    return out;
  }

  private static void exact(JsonNode id, List<String> into) {
    if (id.isTextual() && !id.asText().isBlank()) {
      into.add(id.asText().trim());
    } else if (id.isIntegralNumber()) {
      into.add(id.bigIntegerValue().toString());
    } else if (id.isNumber()) {
      into.add(id.decimalValue().toPlainString());
    }
  }
}
