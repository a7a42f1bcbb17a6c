package dev.herald.scheduler.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
  private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
  private static final String BODY = "{\"id\":\"e1\",\"type\":\"post.published\"}";
  private static final Duration TOLERANCE = Duration.ofMinutes(5);

  @Test
  void signsTheTimestampAndBodyWithHmacSha256() {
    // reference value: printf '%s' '1795420800.{"id":"e1","type":"post.published"}' |
    //   openssl dgst -sha256 -hmac secret
    String header = WebhookSignature.sign("secret", NOW, BODY);
    assertThat(header).isEqualTo("t=1795420800,"
        + "v1=4e47be209bb1a3b779a609213fa05789a284496cf19a4d4dca53260630e3e835");
    assertThat(WebhookSignature.verify("secret", header, BODY, TOLERANCE, NOW)).isTrue();
    assertThat(WebhookSignature.verify("secret", header, BODY, TOLERANCE,
        NOW.plus(TOLERANCE))).isTrue();
  }

  @Test
  void rejectsATamperedBodyAWrongSecretAStaleTimestampAndMalformedHeaders() {
    String header = WebhookSignature.sign("secret", NOW, BODY);
    assertThat(WebhookSignature.verify("secret", header, BODY + " ", TOLERANCE, NOW)).isFalse();
    assertThat(WebhookSignature.verify("other", header, BODY, TOLERANCE, NOW)).isFalse();
    assertThat(WebhookSignature.verify("secret", header, BODY, TOLERANCE,
        NOW.plus(TOLERANCE).plusSeconds(1))).isFalse();
    String replayed = header.replace("t=1795420800", "t=1795420900");
    assertThat(WebhookSignature.verify("secret", replayed, BODY, TOLERANCE, NOW)).isFalse();
    for (String bad : new String[] {"", "t=x,v1=00", "t=1795420800", "v1=zz", "t=1,v1=0"}) {
      assertThat(WebhookSignature.verify("secret", bad, BODY, TOLERANCE, NOW)).as(bad).isFalse();
    }
    assertThat(WebhookSignature.verify("secret", null, BODY, TOLERANCE, NOW)).isFalse();
  }

  @Test
  void settingsNeverShowTheSecretAndCheckTheUrl() {
    WebhookSettings settings =
        WebhookSettings.builder(URI.create("https://app.example/hooks"), "s3cr3t-value").build();
    assertThat(settings.toString()).doesNotContain("s3cr3t-value").contains("<redacted>");
    assertThat(Publishing.builder().publisher(new NoPublisher()).webhook(settings).build()
        .toString()).doesNotContain("s3cr3t-value");
    assertThatThrownBy(() -> WebhookSettings.builder(URI.create("ftp://app.example/x"), "s"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ftp://app.example/x");
    assertThatThrownBy(() -> WebhookSettings.builder(URI.create("https://app.example/x"), " "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("secret");
  }

  /** A publisher that is never called: {@link Publishing} needs one to build. */
  private static final class NoPublisher implements PlatformPublisher {
    @Override
    public String platform() {
      return "none";
    }

    @Override
    public PlatformCapabilities capabilities() {
      return PlatformCapabilities.builder("none").build();
    }

    @Override
    public PublishResult publish(PublishRequest request) {
      throw new AssertionError("not called");
    }
  }
}
