package dev.herald.platforms.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.platforms.internal.http.Json;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Laravel validation of a {@link FakePixelfed} status, which runs before the Idempotency-Key is
 * looked at: failures are answered as Pixelfed's handler renders a {@code ValidationException},
 * HTTP 500 with {@code {"message","errors"}} (the {@code pixelfed-error-validation.json} fixture
 * with the failing field's message). This class is threadsafe (stateless).
 */
final class FakePixelfedValidation {

  /** What validation accepts; {@code direct} passes here and is refused later with 400. */
  private static final Set<String> VISIBILITIES = Set.of("public", "unlisted", "private", "direct");

  private static final int SPOILER_LIMIT = 140;

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
