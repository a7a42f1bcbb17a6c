package dev.herald.platforms.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The read routes of a {@link FakeMastodon}: the token's account, an account's statuses, a status's
 * source and the scheduled statuses, each as the mastodon/mastodon controller cited on it answers.
 * Threadsafe: the status state is read under the fake's status lock.
 */
final class FakeMastodonReads {
  private final FakeMastodon fake;
  private final FakeMastodonStatuses statuses;
  private final Object statusLock;

  FakeMastodonReads(FakeMastodon fake, FakeMastodonStatuses statuses, Object statusLock) {
    this.fake = fake;
    this.statuses = statuses;
    this.statusLock = statusLock;
  }

  /**
   * {@code GET /api/v1/accounts/verify_credentials} (app/controllers/api/v1/accounts/
   * credentials_controller.rb, scope {@code read:accounts}): the token's account, with its id.
   */
  FakeResponse verifyCredentials(FakeRequest request) {
    Optional<FakeMastodon.Account> account = fake.authorize(request);
    if (account.isEmpty()) {
      return fake.authFailure(account);
    }
    ObjectNode body = Json.object();
    body.put("id", fake.accountId(account.get().username()));
    body.put("username", account.get().username());
    body.put("acct", account.get().username());
    body.put("url", fake.baseUri() + "/@" + account.get().username());
    return FakeResponse.json(200, new String(Json.write(body), StandardCharsets.UTF_8));
  }

  /**
   * {@code GET /api/v1/accounts/:id/statuses} (app/controllers/api/v1/accounts/
   * statuses_controller.rb): newest first, {@code max_id} exclusive; {@code limit} defaults to 20
   * and is capped at 40 ({@code limit_param}, app/controllers/api/base_controller.rb, twice the
   * default). Read by the author, every visibility is listed ({@code Status.permitted_for},
   * app/models/status.rb). 404 for an unknown account ({@code Account.find}).
   */
  FakeResponse accountStatuses(FakeRequest request) {
    Optional<FakeMastodon.Account> account = fake.authorize(request);
    if (account.isEmpty()) {
      return fake.authFailure(account);
    }
    String id = request.pathParam("id").orElse("");
    Optional<FakeMastodon.Account> owner = fake.accountById(id);
    if (owner.isEmpty()) {
      return fake.fixture("mastodon-error-404.json");
    }
    int limit = limit(request);
    synchronized (statusLock) {
      return FakeResponse.json(200, new String(Json.write(statuses.statusesOf(
          owner.get().username(), request.param("max_id"), limit)), StandardCharsets.UTF_8));
    }
  }

  /**
   * {@code GET /api/v1/statuses/:id/source} (app/controllers/api/v1/statuses/sources_controller.rb,
   * Mastodon 3.5+): the plain text of the caller's own status; 404 otherwise.
   */
  FakeResponse statusSource(FakeRequest request) {
    Optional<FakeMastodon.Account> account = fake.authorize(request);
    if (account.isEmpty()) {
      return fake.authFailure(account);
    }
    synchronized (statusLock) {
      return statuses.source(account.get().username(), request.pathParam("id").orElse(""))
          .map(body -> FakeResponse.json(200, new String(body, StandardCharsets.UTF_8)))
          .orElseGet(() -> fake.fixture("mastodon-error-404.json"));
    }
  }

  /**
   * {@code GET /api/v1/scheduled_statuses} (app/controllers/api/v1/scheduled_statuses_controller.rb):
   * the caller's scheduled statuses, {@code limit} as for statuses. Scheduled statuses are not
   * published when their time comes here (Mastodon's {@code ScheduledStatusesScheduler} does).
   */
  FakeResponse scheduledStatuses(FakeRequest request) {
    Optional<FakeMastodon.Account> account = fake.authorize(request);
    if (account.isEmpty()) {
      return fake.authFailure(account);
    }
    int limit = limit(request);
    synchronized (statusLock) {
      return FakeResponse.json(200, new String(Json.write(
          statuses.scheduledOf(account.get().username(), limit)), StandardCharsets.UTF_8));
    }
  }

  /** {@code limit_param(20)}: the default 20, at most 40. */
  private static int limit(FakeRequest request) {
    int limit = request.param("limit").map(v -> {
      try {
        return Math.abs(Integer.parseInt(v));
      } catch (NumberFormatException e) {
        return 0;
      }
    }).orElse(20);
    return Math.min(limit, 40);
  }
}
