package dev.herald.platforms.mastodon;

import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostViolation;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The {@code language} option: an ISO 639 code Mastodon knows. The server does not refuse an
 * unknown one: {@code valid_locale_cascade} replaces it with the account's posting language or
 * the instance default, after stripping a region ({@code en-US} becomes {@code en}), so a typo
 * would publish the status in the wrong language. The codes are {@code
 * LanguagesHelper::SUPPORTED_LOCALES} (ISO 639-1, the ISO 639-3 additions and Chinese regions) of
 * mastodon/mastodon app/helpers/languages_helper.rb. Threadsafe (stateless).
 */
final class MastodonLanguages {

  static final String OPTION = "language";

  /** {@code ISO_639_1}, {@code ISO_639_3} and {@code ISO_639_1_REGIONAL}, as Mastodon spells them. */
  static final Set<String> SUPPORTED = Set.of((
      "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv"
          + " cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gu gv ha he hi ho"
          + " hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks"
          + " ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng"
          + " nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si"
          + " sk sl sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur"
          + " uz ve vi vo wa wo xh yi yo za zh zu"
          + " ast chr ckb cnr jbo kab ldn lfn sco sma smj szl tok xal zba zgh"
          + " zh-CN zh-HK zh-TW zh-YUE").split(" "));

  private MastodonLanguages() {}

  /**
   * Whether Mastodon keeps {@code code}: a supported code, or one with a region after {@code -} or
   * {@code _} whose language part is supported ({@code valid_locale_or_nil}).
   */
  static boolean isSupported(String code) {
    if (SUPPORTED.contains(code)) {
      return true;
    }
    String[] parts = code.split("[_-]", 2);
    return parts.length == 2 && SUPPORTED.contains(parts[0]);
  }

  static void validate(Post post, Consumer<PostViolation> out) {
    post.option(OPTION)
        .filter(v -> !isSupported(v))
        .ifPresent(
            v ->
                out.accept(
                    new PostViolation(
                        MastodonPublisher.PLATFORM,
                        OPTION,
                        String.format(
                            "language is '%s'; mastodon needs an ISO 639 code such as en, de or"
                                + " pt-BR, and would replace an unknown one with the account's"
                                + " default",
                            v))));
  }
}
