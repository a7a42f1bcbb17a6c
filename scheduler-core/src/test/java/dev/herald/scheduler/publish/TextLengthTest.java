package dev.herald.scheduler.publish;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextLengthTest {

  @Test
  void graphemesCountJoinedEmojiAsOne() {
    String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67"; // 👨‍👩‍👧
    String thumbsUpDark = "\uD83D\uDC4D\uD83C\uDFFF"; // 👍🏿
    assertThat(TextLength.graphemes().of(family)).isEqualTo(1);
    assertThat(TextLength.graphemes().of(thumbsUpDark + "ok")).isEqualTo(3);
    assertThat(TextLength.codePoints().of(family)).isEqualTo(5);
    assertThat(TextLength.utf16Units().of(family)).isEqualTo(8);
  }

  @Test
  void urlsCountAsAFixedLength() {
    TextLength mastodon = TextLength.graphemes().withUrlsCountedAs(23);
    String url = "https://example.com/a/very/long/path/that/goes/on/and/on?with=query";
    assertThat(mastodon.of("see " + url)).isEqualTo(4 + 23);
    assertThat(mastodon.of("two " + url + " " + url)).isEqualTo(4 + 23 + 1 + 23);
  }
}
