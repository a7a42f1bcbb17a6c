package dev.herald.scheduler.internal.publish;

import dev.herald.scheduler.publish.Target;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON shapes publishing stores: job payloads and step values. Instants as ISO-8601 text. */
final class Payloads {
  private Payloads() {}

  /** The payload of one target's publication. */
  record Publication(String postId, long revision, String occurrence, String platform,
      String account, String instance, PostData post) {
    Publication(String postId, long revision, String occurrence, Target target, PostData post) {
      this(postId, revision, occurrence, target.platform(), target.account(),
          target.instance().orElse(null), post);
    }

    Target target() {
      return Payloads.target(platform, instance, account);
    }

    Instant occurrenceInstant() {
      return occurrence == null ? null : Instant.parse(occurrence);
    }

    Publication withPost(long newRevision, PostData newPost) {
      return new Publication(postId, newRevision, occurrence, platform, account, instance,
          newPost);
    }
  }

  /** The payload of a series. */
  record Series(String postId, long revision, PostData post, List<TargetData> targets) {
    Series withPost(long newRevision, PostData newPost) {
      return new Series(postId, newRevision, newPost, targets);
    }
  }

  /** A target; {@code instance} is null for a platform with one service. */
  record TargetData(String platform, String account, String instance) {
    static TargetData of(Target target) {
      return new TargetData(target.platform(), target.account(), target.instance().orElse(null));
    }

    Target toTarget() {
      return Payloads.target(platform, instance, account);
    }
  }

  /** The target of stored components; {@code instance} may be null. */
  static Target target(String platform, String instance, String account) {
    return instance == null ? Target.of(platform, account) : Target.of(platform, instance, account);
  }

  /**
   * Step {@value PublishJob#INTENT}: what a run is about to send, or sent, under which idempotency
   * key: minted when the intent is first written and kept by every later run of this revision;
   * with how many reconciliations could not tell yet ({@code checks}), how many times it was sent
   * again after the platform showed no post ({@code replays}), and what the adapter recorded of
   * the platform's side of this attempt ({@code progress}, a {@link
   * dev.herald.scheduler.publish.PublishProgress}). Absent in older intents: 0, 0 and empty.
   */
  record Intent(String state, String key, long revision, String firstSentAt, int checks,
      int replays, Map<String, String> progress) {
    static final String SENDING = "SENDING";
    static final String NOT_SENT = "NOT_SENT";

    Intent {
      progress = ProgressEntries.copyOf(progress);
    }

    Intent(String state, String key, long revision, String firstSentAt) {
      this(state, key, revision, firstSentAt, 0, 0, Map.of());
    }

    boolean sending() {
      return SENDING.equals(state);
    }

    Intent withState(String newState) {
      return new Intent(newState, key, revision, firstSentAt, checks, replays, progress);
    }

    /** This intent after one more reconciliation that could not tell yet. */
    Intent checked() {
      return new Intent(state, key, revision, firstSentAt, checks + 1, replays, progress);
    }

    /**
     * This intent sent once more after the platform showed it had created nothing: a new attempt,
     * so without the progress of the one before.
     */
    Intent replayed() {
      return new Intent(state, key, revision, firstSentAt, checks, replays + 1, Map.of());
    }

    /** This intent with {@code entries} as the progress of its attempt. */
    Intent withProgress(Map<String, String> entries) {
      return new Intent(state, key, revision, firstSentAt, checks, replays, entries);
    }
  }

  /** Step {@value PublishJob#RESULT}: the post is live. */
  record Result(String remoteId, String url, String publishedAt) {
    URI uri() {
      return url == null ? null : URI.create(url);
    }
  }

  /** The payload of an event job: one {@link dev.herald.scheduler.publish.PublicationEvent}. */
  record Event(String eventId, String kind, String postId, String platform, String account,
      String instance, String occurrence, String occurredAt, String remoteId, String url, String code,
      String reason, String until) {}
}
