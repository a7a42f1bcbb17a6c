package dev.herald.platforms.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Laravel validation of a {@link FakePixelfed} status, which runs before the Idempotency-Key is
 * looked at: failures are answered as Pixelfed's handler renders a {@code ValidationException},
 * HTTP 500 with {@code {"message","errors"}} (the {@code pixelfed-error-validation.json} fixture
 * with the failing field's message, in Laravel 10's English wording). The rules are those of
 * pixelfed/pixelfed's {@code ApiV1Controller::statusCreate} (2024-03), limits from {@code
 * config_cache}. This class is threadsafe (stateless).
 */
final class FakePixelfedValidation {

  /** What validation accepts; {@code direct} passes here and is refused later with 400. */
  private static final Set<String> VISIBILITIES = Set.of("public", "unlisted", "private", "direct");

  private static final int SPOILER_LIMIT = 140;

  /**
   * What Laravel's {@code boolean} rule accepts of a form field (a string): {@code "0"} and {@code
   * "1"}. laravel/framework {@code Illuminate/Validation/Concerns/ValidatesAttributes::validateBoolean}
   * compares strictly against {@code [true, false, 0, 1, '0', '1']}, so {@code "true"} and {@code
   * "false"} fail; pixelfed/pixelfed's {@code statusCreate} validates {@code comments_disabled} with
   * {@code sometimes|boolean} (its {@code sensitive} is only {@code nullable}).
   */
  private static final Set<String> LARAVEL_BOOLEAN = Set.of("0", "1");

  private FakePixelfedValidation() {}

  /** The validation failure of a status request, if any. */
  static Optional<FakeResponse> check(
      FakeRequest request, String text, List<String> ids, int maxCharacters, int maxMedia) {
    if (text.codePointCount(0, text.length()) > maxCharacters) {
      return Optional.of(
          failure(
              "status",
              "The status field must not be greater than " + maxCharacters + " characters."));
    }
    if (ids.size() > maxMedia) {
      return Optional.of(
          failure(
              "media_ids", "The media ids field must not have more than " + maxMedia + " items."));
    }
    Optional<String> visibility = request.param("visibility");
    if (visibility.isPresent() && !VISIBILITIES.contains(visibility.get())) {
      return Optional.of(failure("visibility", "The selected visibility is invalid."));
    }
    String spoiler = request.param("spoiler_text").orElse("");
    if (spoiler.codePointCount(0, spoiler.length()) > SPOILER_LIMIT) {
      return Optional.of(
          failure(
              "spoiler_text",
              "The spoiler text field must not be greater than " + SPOILER_LIMIT + " characters."));
    }
    Optional<String> commentsDisabled = request.param("comments_disabled");
    if (commentsDisabled.isPresent() && !LARAVEL_BOOLEAN.contains(commentsDisabled.get())) {
      return Optional.of(
          failure("comments_disabled", "The comments disabled field must be true or false."));
    }
    return Optional.empty();
  }

  private static FakeResponse failure(String field, String message) {
    ObjectNode body = Json.object();
    body.put("message", message);
    body.putObject("errors").putArray(field).add(message);
    return FakeResponse.of(Fixtures.get("pixelfed-error-validation.json"))
        .withBody(Json.write(body));
  }
}
