package dev.herald.scheduler.publish;

import dev.herald.scheduler.internal.publish.InMemoryPublishProgress;
import java.util.Optional;

/**
 * What an adapter learned from the platform part-way through one attempt to publish, kept so that
 * {@link PlatformPublisher#reconcile} can ask the platform about that attempt later, from any node:
 * the {@code publish_id} TikTok's init answered, the video id of a Facebook upload. A platform
 * without an idempotency key and without a search by marker can only be asked about a publication
 * by such an id, and the id exists only in the run that received it: a run that dies, or times out,
 * after the platform created something and before it answered for good would otherwise lose it.
 *
 * <p><b>Use.</b> In {@link PlatformPublisher#publish}, call {@link #record} with the platform's id
 * as soon as the platform has answered it, before the next call to the platform; in {@link
 * PlatformPublisher#reconcile}, read it back with {@link #get} and ask the platform about it.
 * Names are the adapter's own, prefixed with its platform ({@code tiktok.publish_id}). Recording a
 * name again replaces its value. An adapter that records nothing needs nothing of this interface:
 * {@link #get} then answers empty, and reconcile works as before.
 *
 * <p><b>Durability.</b> {@link #record} returns once the value is stored: Herald's publishing job
 * writes it to the job store with the intent it belongs to, so a run on another node, after a
 * crash, reads it. If it cannot be stored (the run lost its lease) {@code record} throws; let the
 * exception propagate and call the platform no further. {@link #inMemory()} keeps values only in
 * the process, for tests and for hosts that call a publisher directly.
 *
 * <p><b>Scope.</b> Progress belongs to one attempt. Herald hands every attempt it sends (the first,
 * one after the platform published nothing, one after reconcile answered {@code NotFound}) an
 * empty progress, and hands {@code reconcile} the progress of the attempt whose outcome is
 * unknown: an id recorded by an earlier attempt never speaks for a later one (a stale publish id
 * reporting {@code FAILED} could otherwise hide a post the later attempt created).
 *
 * <p><b>Limits.</b> A name is 1 to {@value #MAX_NAME_LENGTH} characters of {@code [a-z0-9._-]}; a
 * value is non-blank text of at most {@value #MAX_VALUE_LENGTH} characters; at most {@value
 * #MAX_ENTRIES} names per attempt. Keep values to platform ids: they are stored as they are, and
 * must never hold a token or other secret.
 *
 * <p>Implementations must be threadsafe; both Herald's are. Their equality is identity: two
 * requests share progress only when they share the object. Call {@code record} only while the
 * {@code publish} or {@code reconcile} call it was handed to is running.
 */
public interface PublishProgress {

  /** The longest name, in characters. */
  int MAX_NAME_LENGTH = 64;

  /** The longest value, in characters. */
  int MAX_VALUE_LENGTH = 1_000;

  /** The most names one attempt records. */
  int MAX_ENTRIES = 16;

  /**
   * A progress kept in this process only: what {@link PublishRequest#PublishRequest(Post, Target,
   * String) a request built without one} carries. Share one between a {@code publish} and a later
   * {@code reconcile} to let the second read what the first recorded. Threadsafe.
   *
   * @return a new, empty progress
   */
  static PublishProgress inMemory() {
    return new InMemoryPublishProgress();
  }

  /**
   * The value recorded under {@code name} by this attempt.
   *
   * @param name the name it was recorded under
   * @return the value, or empty if none was recorded
   * @throws NullPointerException if {@code name} is null
   */
  Optional<String> get(String name);

  /**
   * Records {@code value} under {@code name}, replacing an earlier value, and returns once it is
   * stored (durably, in Herald's publishing job).
   *
   * @param name the name, 1 to {@value #MAX_NAME_LENGTH} characters of {@code [a-z0-9._-]}
   * @param value the value, non-blank, at most {@value #MAX_VALUE_LENGTH} characters
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the name or value is malformed
   * @throws IllegalStateException if the attempt already holds {@value #MAX_ENTRIES} other names
   * @throws dev.herald.scheduler.LeaseLostException if Herald's job lost its lease (nothing is
   *     stored: stop calling the platform)
   */
  void record(String name, String value);
}
