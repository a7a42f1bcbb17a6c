package dev.herald.platforms.testing;

import static dev.herald.platforms.testing.Arguments.notNull;

import java.util.Optional;

/**
 * A status a {@link FakePixelfed} created, as Pixelfed stores it: what a test checks beyond the
 * {@link Ledger} entry, such as whether a content warning survived. Instances are immutable and
 * threadsafe.
 *
 * @param id the status id
 * @param account the author's user name
 * @param visibility the stored visibility
 * @param sensitive {@code is_nsfw}: whether the request's {@code sensitive} was true as {@code
 *     $request->boolean()} reads it
 * @param spoilerText {@code cw_summary}: the content warning, kept only when {@code sensitive}
 * @param commentsDisabled whether comments are disabled on the status
 */
public record FakePixelfedStatus(
    String id,
    String account,
    String visibility,
    boolean sensitive,
    Optional<String> spoilerText,
    boolean commentsDisabled) {

  /**
   * Checks the components.
   *
   * @param id the status id
   * @param account the author's user name
   * @param visibility the stored visibility
   * @param sensitive whether the status is marked sensitive
   * @param spoilerText the content warning, or empty
   * @param commentsDisabled whether comments are disabled
   * @throws NullPointerException if a reference component is null
   */
  public FakePixelfedStatus {
    notNull(id, "id");
    notNull(account, "account");
    notNull(visibility, "visibility");
    notNull(spoilerText, "spoilerText");
  }
}
