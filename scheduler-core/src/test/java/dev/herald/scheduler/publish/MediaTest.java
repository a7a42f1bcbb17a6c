package dev.herald.scheduler.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class MediaTest {
  private static final URI PHOTO = URI.create("file:///tmp/harbour.jpg");
  private static final URI CLIP = URI.create("https://cdn.example/ride.mp4");

  @Test
  void copiesKeepEveryAttribute() {
    Media media = Media.video(CLIP).withFocus(0.5, -1.0)
        .withThumbnail(URI.create("file:///tmp/poster.png")).withAltText("a ride")
        .withMimeType("video/quicktime");

    assertThat(media.focus()).contains(new Media.Focus(0.5, -1.0));
    assertThat(media.thumbnail()).contains(URI.create("file:///tmp/poster.png"));
    assertThat(media.altText()).isEqualTo("a ride");
    assertThat(media.mimeType()).isEqualTo("video/quicktime");
    assertThat(new Media(MediaKind.IMAGE, PHOTO, "image/jpeg", "").focus()).isEmpty();
  }

  @Test
  void refusesAFocusOutsideTheImageNamingTheCoordinate() {
    assertThatThrownBy(() -> Media.image(PHOTO).withFocus(1.5, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("focus x must be from -1.0 to 1.0, was 1.5");
    assertThatThrownBy(() -> Media.image(PHOTO).withFocus(0, Double.NaN))
        .hasMessage("focus y must be from -1.0 to 1.0, was NaN");
  }

  @Test
  void refusesAThumbnailOnAnImageOrWithoutScheme() {
    assertThatThrownBy(() -> Media.image(PHOTO).withThumbnail(URI.create("file:///tmp/p.png")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a thumbnail is for a video; media file:///tmp/harbour.jpg is image");
    assertThatThrownBy(() -> Media.video(CLIP).withThumbnail(URI.create("poster.png")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("thumbnail must be an absolute URI")
        .hasMessageContaining("'poster.png'");
  }
}
