package dev.herald.platforms.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.herald.platforms.testing.FakeRequest;
import dev.herald.platforms.testing.Fault;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpTransportTest {

  static final String TOKEN = "EAAB-very-secret-page-token";

  final EchoServer fake = new EchoServer();
  final HttpTransport transport =
      new HttpTransport(
          "echo", HttpTransport.defaultClient(Duration.ofSeconds(2)), Duration.ofSeconds(2));

  @TempDir Path dir;

  @AfterEach
  void close() {
    fake.close();
  }

  @Test
  void sendsMultipartFieldsAndStreamedFiles() throws IOException {
    Path file = Files.write(dir.resolve("photo \"1\".jpg"), new byte[3000]);
    MultipartBody body =
        MultipartBody.builder()
            .field("description", "Zürich at night")
            .file("file", "photo \"1\".jpg", "image/jpeg", file)
            .bytes("thumbnail", "t.png", "image/png", new byte[10])
            .build();

    ApiResponse response =
        transport.send(ApiRequest.post(uri("/echo"), body).bearer(TOKEN).build());

    assertThat(response.status()).isEqualTo(200);
    FakeRequest received = fake.requests().get(0);
    assertThat(received.param("description")).contains("Zürich at night");
    assertThat(received.file("file"))
        .hasValueSatisfying(
            f -> {
              assertThat(f.filename()).isEqualTo("photo %221%22.jpg");
              assertThat(f.contentType()).isEqualTo("image/jpeg");
              assertThat(f.size()).isEqualTo(3000);
            });
    assertThat(received.file("thumbnail").orElseThrow().size()).isEqualTo(10);
    assertThat(received.bearerToken()).contains(TOKEN);
    assertThat(body.describe()).doesNotContain("Zürich");
  }

  @Test
  void sendsFormBodiesWithRepeatedKeys() {
    FormBody form =
        FormBody.builder()
            .add("status", "a b&c=d")
            .addAll("media_ids[]", java.util.List.of("1", "2"))
            .build();

    transport.send(ApiRequest.post(uri("/echo"), form).build());

    FakeRequest received = fake.requests().get(0);
    assertThat(received.param("status")).contains("a b&c=d");
    assertThat(received.params("media_ids[]")).containsExactly("1", "2");
    assertThat(form.toString()).isEqualTo("form[status, media_ids[]]");
  }

  @Test
  void putsAByteRangeOfAFileAsAChunk() throws IOException {
    byte[] bytes = "0123456789".repeat(100).getBytes(StandardCharsets.US_ASCII);
    Path file = Files.write(dir.resolve("video.mp4"), bytes);

    ApiResponse response =
        transport.send(
            ApiRequest.put(uri("/echo"), BinaryBody.ofFileRange(file, 250, 500, "video/mp4"))
                .header("Content-Range", ContentRange.of(250, 749, 1000))
                .build());

    assertThat(response.status()).isEqualTo(201);
    FakeRequest received = fake.requests().get(0);
    assertThat(received.body()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 250, 750));
    assertThat(received.header("Content-Range")).contains("bytes 250-749/1000");
    assertThat(received.header("Content-Type")).contains("video/mp4");
  }

  @Test
  void aRefusedConnectionWasNotSent() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    URI closed = URI.create("http://127.0.0.1:" + port + "/x?access_token=" + TOKEN);

    TransportException e =
        catchThrowableOfType(
            TransportException.class, () -> transport.send(ApiRequest.get(closed).build()));

    assertThat(e.kind()).isEqualTo(TransportException.Kind.NOT_SENT);
    assertThat(e.getMessage())
        .contains("before the request was sent", "access_token=<redacted>")
        .doesNotContain(TOKEN);
  }

  @Test
  void aResponseTimeoutMaySendAndSaysSo() {
    fake.inject(Fault.delay(Duration.ofMillis(500)));
    ApiRequest request =
        ApiRequest.post(uri("/echo"), FormBody.builder().add("client_secret", TOKEN).build())
            .secret(TOKEN)
            .timeout(Duration.ofMillis(100))
            .build();

    TransportException e =
        catchThrowableOfType(TransportException.class, () -> transport.send(request));

    assertThat(e.kind()).isEqualTo(TransportException.Kind.MAYBE_SENT);
    assertThat(e.isTimeout()).isTrue();
    assertThat(e.getMessage()).doesNotContain(TOKEN);
  }

  @Test
  void aDroppedConnectionMayHaveBeenSent() {
    fake.inject(Fault.dropAfterAccept());

    TransportException e =
        catchThrowableOfType(
            TransportException.class,
            () ->
                transport.send(ApiRequest.post(uri("/echo"), FormBody.builder().build()).build()));

    assertThat(e.kind()).isEqualTo(TransportException.Kind.MAYBE_SENT);
    assertThat(e.isTimeout()).isFalse();
  }

  @Test
  void requestToStringIsRedacted() {
    ApiRequest request =
        ApiRequest.get(
                URI.create(
                    "https://graph.facebook.example/v25.0/me?fields=id&access_token=" + TOKEN))
            .header("Authorization", "OAuth " + TOKEN)
            .build();

    assertThat(request.toString())
        .isEqualTo("GET https://graph.facebook.example/v25.0/me?fields=id&access_token=<redacted>");
    assertThat(request.redact("echoed " + TOKEN)).isEqualTo("echoed <redacted>");
  }

  private URI uri(String path) {
    return fake.baseUri().resolve(path);
  }
}
