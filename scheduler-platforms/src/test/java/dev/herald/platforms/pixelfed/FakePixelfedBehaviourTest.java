package dev.herald.platforms.pixelfed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platforms.internal.http.ApiRequest;
import dev.herald.platforms.internal.http.ApiResponse;
import dev.herald.platforms.internal.http.FormBody;
import dev.herald.platforms.internal.http.HttpTransport;
import dev.herald.platforms.internal.http.Json;
import dev.herald.platforms.internal.http.MultipartBody;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fake's stateful behaviours from the fixtures' README, driven with raw requests (the publisher
 * never sends a status without media or a request without {@code Accept}).
 */
class FakePixelfedBehaviourTest {

  @TempDir Path dir;
  PixelfedHarness h;
  HttpTransport http;

  @BeforeEach
  void start() {
    h = new PixelfedHarness(dir, b -> b.account("other", "other-token"));
    http =
        new HttpTransport(
            "test", HttpTransport.defaultClient(Duration.ofSeconds(5)), Duration.ofSeconds(5));
  }

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void aStatusWithoutMediaIs403AndStillConsumesTheKey() {
    String media = upload("/api/v1/media", PixelfedHarness.TOKEN, 200);

    ApiResponse empty = status(FormBody.builder().add("status", "words only"), "key-1");
    ApiResponse retry =
        status(
            FormBody.builder().add("status", "now with a photo").add("media_ids[]", media),
            "key-1");

    assertThat(empty.status()).isEqualTo(403);
    assertThat(retry.status()).isEqualTo(400);
    assertThat(Json.text(retry.json(), "error")).contains("Duplicate idempotency key.");
    assertThat(h.fake.ledger().size()).isZero();
    assertThat(h.fake.servedFixtures())
        .contains(
            "pixelfed-error-403-empty-status.json",
            "pixelfed-error-400-duplicate-idempotency-key.json");
  }

  @Test
  void bothUploadEndpointsGiveIdsUsableAtOnce() {
    String v1 = upload("/api/v1/media", PixelfedHarness.TOKEN, 200);
    String v2 = upload("/api/v2/media", PixelfedHarness.TOKEN, 202);

    ApiResponse status =
        status(FormBody.builder().add("media_ids[]", v1).add("media_ids[]", v2), "key-2");

    assertThat(status.status()).isEqualTo(200);
    assertThat(status.json().path("media_attachments")).hasSize(2);
    assertThat(h.fake.ledger().entries().get(0).mediaIds()).containsExactly(v1, v2);
  }

  @Test
  void mediaChecksFollowPixelfedsOrder() {
    String mine = upload("/api/v2/media", PixelfedHarness.TOKEN, 202);
    String theirs = upload("/api/v2/media", "other-token", 202);

    assertThat(status(FormBody.builder().add("media_ids[]", "999"), "a").status()).isEqualTo(400);
    assertThat(
            status(FormBody.builder().add("media_ids[]", mine).add("media_ids[]", theirs), "b")
                .status())
        .isEqualTo(403);
    assertThat(
            status(FormBody.builder().add("media_ids[]", mine).add("media_ids[]", "999"), "c")
                .status())
        .isEqualTo(500);
    assertThat(h.fake.servedFixtures()).contains("pixelfed-error-400-invalid-media.json");
  }

  @Test
  void aBadTokenIs500UnauthenticatedWithAcceptJsonAndARedirectWithout() {
    URI uri = h.fake.baseUri().resolve("/api/v1/statuses");
    FormBody body = FormBody.builder().add("status", "x").build();

    ApiResponse json =
        http.send(
            ApiRequest.post(uri, body).bearer("bad").header("Accept", "application/json").build());
    ApiResponse html = http.send(ApiRequest.post(uri, body).bearer("bad").build());

    assertThat(json.status()).isEqualTo(500);
    assertThat(Json.text(json.json(), "error")).contains("Unauthenticated.");
    assertThat(html.status()).isEqualTo(302);
    assertThat(html.header("Location")).contains(h.fake.baseUri() + "/login");
  }

  @Test
  void validationRunsBeforeTheKeyAndAnswers500WithTheErrorsEnvelope() {
    String media = upload("/api/v2/media", PixelfedHarness.TOKEN, 202);

    ApiResponse invalid =
        status(
            FormBody.builder().add("status", "x".repeat(501)).add("media_ids[]", media), "key-3");
    ApiResponse valid = status(FormBody.builder().add("media_ids[]", media), "key-3");

    assertThat(invalid.status()).isEqualTo(500);
    assertThat(invalid.json().path("errors").path("status")).hasSize(1);
    assertThat(valid.status()).isEqualTo(200);
  }

  /** Laravel's boolean rule: only "0"/"1" of a form field pass (validateBoolean, strict). */
  @Test
  void commentsDisabledIsValidatedByLaravelsBooleanRule() {
    String media = upload("/api/v2/media", PixelfedHarness.TOKEN, 202);

    ApiResponse word =
        status(FormBody.builder().add("media_ids[]", media).add("comments_disabled", "true"), "a");
    ApiResponse one =
        status(FormBody.builder().add("media_ids[]", media).add("comments_disabled", "1"), "b");

    assertThat(word.status()).isEqualTo(500);
    assertThat(word.json().path("errors").path("comments_disabled")).hasSize(1);
    String id = Json.text(one.json(), "id").orElseThrow();
    assertThat(h.fake.status(id).orElseThrow().commentsDisabled()).isTrue();
  }

  /** statusCreate keeps spoiler_text only when $request->boolean('sensitive') is true. */
  @Test
  void aContentWarningIsStoredOnlyOnASensitiveStatus() {
    String first = upload("/api/v2/media", PixelfedHarness.TOKEN, 202);
    String second = upload("/api/v2/media", PixelfedHarness.TOKEN, 202);

    ApiResponse plain =
        status(FormBody.builder().add("media_ids[]", first).add("spoiler_text", "cw"), "a");
    ApiResponse sensitive =
        status(
            FormBody.builder()
                .add("media_ids[]", second)
                .add("spoiler_text", "cw")
                .add("sensitive", "true"),
            "b");

    assertThat(Json.text(plain.json(), "spoiler_text")).contains("");
    assertThat(h.fake.status(Json.text(plain.json(), "id").orElseThrow()).orElseThrow()
        .spoilerText()).isEmpty();
    assertThat(h.fake.status(Json.text(sensitive.json(), "id").orElseThrow()).orElseThrow()
        .spoilerText()).contains("cw");
  }

  @Test
  void theInstanceEndpointsAdvertiseOverridesLateOrNever() {
    h.fake.overrideMaxMediaAttachments(2);
    assertThat(limit(instance("/api/v1/instance"), "max_media_attachments")).isEqualTo(4);
    assertThat(limit(instance("/api/v2/instance"), "max_media_attachments")).isEqualTo(2);

    h.fake.overrideMaxCharacters(300);
    assertThat(limit(instance("/api/v1/instance"), "max_characters")).isEqualTo(300);
    assertThat(limit(instance("/api/v2/instance"), "max_characters")).isEqualTo(500);
    h.clock.advance(Duration.ofMinutes(30));
    assertThat(limit(instance("/api/v2/instance"), "max_characters")).isEqualTo(300);
  }

  @Test
  void aTokenWithoutWriteScopeGets403WithAnEmptyMessage() {
    try (PixelfedHarness reader =
        new PixelfedHarness(dir, b -> b.readOnlyAccount("reader", "read-token"))) {
      ApiResponse response =
          http.send(
              ApiRequest.post(
                      reader.fake.baseUri().resolve("/api/v1/statuses"),
                      FormBody.builder().add("status", "x").build())
                  .bearer("read-token")
                  .header("Accept", "application/json")
                  .build());

      assertThat(response.status()).isEqualTo(403);
      assertThat(Json.text(response.json(), "error")).contains("");
    }
  }

  private ApiResponse instance(String path) {
    return http.send(ApiRequest.get(h.fake.baseUri().resolve(path)).build());
  }

  private static int limit(ApiResponse instance, String field) {
    return instance.json().path("configuration").path("statuses").path(field).asInt();
  }

  private String upload(String path, String token, int expectedStatus) {
    MultipartBody body =
        MultipartBody.builder().file("file", "p.jpg", "image/jpeg", h.file("p.jpg", 512)).build();
    ApiResponse response =
        http.send(
            ApiRequest.post(h.fake.baseUri().resolve(path), body)
                .bearer(token)
                .header("Accept", "application/json")
                .build());
    assertThat(response.status()).isEqualTo(expectedStatus);
    assertThat(response.json().path("url").isNull()).isEqualTo(expectedStatus == 202);
    return Json.text(response.json(), "id").orElseThrow();
  }

  private ApiResponse status(FormBody.Builder form, String key) {
    return http.send(
        ApiRequest.post(h.fake.baseUri().resolve("/api/v1/statuses"), form.build())
            .bearer(PixelfedHarness.TOKEN)
            .header("Accept", "application/json")
            .header("Idempotency-Key", key)
            .build());
  }
}
