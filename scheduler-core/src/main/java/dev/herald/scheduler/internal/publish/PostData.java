package dev.herald.scheduler.internal.publish;

import dev.herald.scheduler.publish.Media;
import dev.herald.scheduler.publish.MediaKind;
import dev.herald.scheduler.publish.Post;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link Post} as stored in a payload (JSON through the payload codec). */
record PostData(String text, List<MediaData> media, String link, String title,
    Map<String, String> options) {

  /** One attachment; {@code focusX}/{@code focusY} and {@code thumbnail} are null when unset. */
  record MediaData(String kind, String source, String mimeType, String altText, Double focusX,
      Double focusY, String thumbnail) {}

  static PostData of(Post post) {
    return new PostData(post.text(),
        post.media().stream().map(m -> new MediaData(m.kind().name(), m.source().toString(),
            m.mimeType(), m.altText(), m.focus().map(Media.Focus::x).orElse(null),
            m.focus().map(Media.Focus::y).orElse(null),
            m.thumbnail().map(URI::toString).orElse(null))).toList(),
        post.link().map(URI::toString).orElse(null),
        post.title().orElse(null),
        post.options());
  }

  Post toPost() {
    Post.Builder b = Post.builder().text(text).title(title)
        .link(link == null ? null : URI.create(link));
    if (media != null) {
      for (MediaData m : media) {
        b.addMedia(new Media(MediaKind.valueOf(m.kind()), URI.create(m.source()), m.mimeType(),
            m.altText() == null ? "" : m.altText(),
            m.focusX() == null ? Optional.empty()
                : Optional.of(new Media.Focus(m.focusX(), m.focusY())),
            Optional.ofNullable(m.thumbnail()).map(URI::create)));
      }
    }
    if (options != null) {
      options.forEach(b::option);
    }
    return b.build();
  }
}
