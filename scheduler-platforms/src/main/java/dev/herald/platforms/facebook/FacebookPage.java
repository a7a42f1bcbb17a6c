package dev.herald.platforms.facebook;

import static dev.herald.platforms.internal.Preconditions.notBlank;
import static dev.herald.platforms.internal.Preconditions.notNull;

import dev.herald.scheduler.credentials.Credentials;
import java.util.List;
import java.util.Optional;

/**
 * A Page the user manages, as {@code GET /me/accounts} lists it, with the credentials to store for
 * it: the Page token as access token, the user token it derives from as refresh token (see {@link
 * FacebookTokenRefresher}). Store them under {@code facebook}/{@link #id()} to publish to the Page,
 * or under {@code instagram}/{@link #instagramAccountId()} to publish to its linked Instagram
 * account with Facebook Login.
 *
 * <p>Instances are immutable and threadsafe; {@link #toString()} shows no token.
 *
 * @param id the Page id
 * @param name the Page name
 * @param tasks what the user may do on the Page ({@code CREATE_CONTENT}, {@code MANAGE}…)
 * @param instagramAccountId the linked Instagram business account, if any
 * @param credentials the Page token and the user token it derives from
 */
public record FacebookPage(
    String id,
    String name,
    List<String> tasks,
    Optional<String> instagramAccountId,
    Credentials credentials) {

  /**
   * Checks and copies the components.
   *
   * @param id the Page id
   * @param name the Page name
   * @param tasks what the user may do on the Page
   * @param instagramAccountId the linked Instagram business account, or empty
   * @param credentials the Page token and the user token it derives from
   */
  public FacebookPage {
    notBlank(id, "id");
    notNull(name, "name");
    tasks = List.copyOf(notNull(tasks, "tasks"));
    notNull(instagramAccountId, "instagramAccountId");
    notNull(credentials, "credentials");
  }

  /**
   * Whether the user may publish on the Page ({@code CREATE_CONTENT}).
   *
   * @return true if {@code tasks} contains {@code CREATE_CONTENT}
   */
  public boolean canPublish() {
    return tasks.contains("CREATE_CONTENT");
  }
}
