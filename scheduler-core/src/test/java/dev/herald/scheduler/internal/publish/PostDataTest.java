package dev.herald.scheduler.internal.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.scheduler.internal.codec.JacksonPayloadCodec;
import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.spi.PayloadCodec;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** A post survives the stored payload: media hints included, and payloads stored before them. */
class PostDataTest {
  private final PayloadCodec codec = JacksonPayloadCodec.createDefault();

  @Test
  void mediaKeepTheirFocusAndThumbnailThroughTheStoredPayload() {
    Post post = Post.builder().text("Harbour")
        .addMedia(Media.image(URI.create("file:///tmp/harbour.jpg")).withAltText("boats")
            .withFocus(-0.5, 0.25))
        .addMedia(Media.video(URI.create("https://cdn.example/ride.mp4"))
            .withThumbnail(URI.create("https://cdn.example/ride.jpg")))
        .option("language", "en")
        .build();

    Post stored = codec.decode(codec.encode(PostData.of(post)), PostData.class).toPost();

    assertThat(stored).isEqualTo(post);
    assertThat(stored.media().get(0).focus()).contains(new Media.Focus(-0.5, 0.25));
    assertThat(stored.media().get(1).thumbnail())
        .contains(URI.create("https://cdn.example/ride.jpg"));
  }

  @Test
  void aPayloadStoredBeforeTheHintsReadsAsMediaWithout() {
    String older = "{\"text\":\"Hi\",\"media\":[{\"kind\":\"IMAGE\",\"source\":"
        + "\"file:///tmp/a.jpg\",\"mimeType\":\"image/jpeg\",\"altText\":\"\"}],\"link\":null,"
        + "\"title\":null,\"options\":{}}";

    Media media = codec.decode(older, PostData.class).toPost().media().get(0);

    assertThat(media.focus()).isEmpty();
    assertThat(media.thumbnail()).isEmpty();
    assertThat(media.source()).isEqualTo(URI.create("file:///tmp/a.jpg"));
  }
}
