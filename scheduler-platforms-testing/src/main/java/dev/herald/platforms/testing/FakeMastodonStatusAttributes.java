package dev.herald.platforms.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The poll and language of a status sent to a {@link FakeMastodon}, checked and stored as
 * mastodon/mastodon does. Threadsafe (immutable).
 *
 * <ul>
 *   <li>Poll: {@code Poll#prepare_options} strips the options and drops blank ones, then {@code
 *       PollValidator} (app/validators/poll_validator.rb) requires more than one option, at most
 *       {@code max_options}, each at most {@code max_characters_per_option} grapheme clusters, no
 *       duplicates, and {@code expires_at} (now + {@code poll[expires_in]}; missing when no
 *       expires_in is sent) within [{@code min_expiration}, {@code max_expiration}]. Failures are
 *       422 {@code RecordInvalid} on the {@code poll} association; the English texts of {@code
 *       polls.errors} in config/locales/en.yml are used whatever the locale (the adapter does not
 *       read them).
 *   <li>Language: {@code valid_locale_cascade} (app/helpers/languages_helper.rb) keeps a supported
 *       code, strips a region, and otherwise falls back to the instance's default locale: never an
 *       error.
 * </ul>
 */
final class FakeMastodonStatusAttributes {

  /** {@code LanguagesHelper::SUPPORTED_LOCALES}, as in languages_helper.rb. */
  private static final Set<String> LANGUAGES = Set.of((
      "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv"
          + " cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gu gv ha he hi ho"
          + " hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks"
          + " ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng"
          + " nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si"
          + " sk sl sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur"
          + " uz ve vi vo wa wo xh yi yo za zh zu"
          + " ast chr ckb cnr jbo kab ldn lfn sco sma smj szl tok xal zba zgh"
          + " zh-CN zh-HK zh-TW zh-YUE").split(" "));

  private final FakeMastodonLimits.Polls limits;
  private final String defaultLocale;

  FakeMastodonStatusAttributes(FakeMastodonLimits.Polls limits, String defaultLocale) {
    this.limits = limits;
    this.defaultLocale = defaultLocale;
  }

  /** Whether the request carries a poll. */
  static boolean hasPoll(FakeRequest request) {
    return !request.params("poll[options][]").isEmpty();
  }

  /** The first error of the request's poll, as Rails' RecordInvalid text; empty when valid. */
  Optional<String> pollError(FakeRequest request, Instant now) {
    List<String> options = options(request);
    if (options.size() < 2) {
      return error("options", "must have more than one item");
    }
    if (options.size() > limits.maxOptions()) {
      return error("options", "can't contain more than " + limits.maxOptions() + " items");
    }
    int maxLength = limits.maxCharactersPerOption();
    if (options.stream().anyMatch(o -> FakeMastodonLimits.graphemes(o) > maxLength)) {
      return error("options", "cannot be longer than " + limits.maxCharactersPerOption()
          + " characters each");
    }
    if (new HashSet<>(options).size() != options.size()) {
      return error("options", "contain duplicate items");
    }
    Optional<Long> seconds = expiresIn(request);
    if (seconds.isEmpty() || seconds.get() > limits.maxExpiration().toSeconds()) {
      return error("expires at", "is too far into the future");
    }
    if (seconds.get() < limits.minExpiration().toSeconds()) {
      return error("expires at", "is too soon");
    }
    return Optional.empty();
  }

  /** The Poll entity of a valid poll created at {@code now}. */
  ObjectNode poll(String id, FakeRequest request, Instant now) {
    ObjectNode poll = Json.object();
    poll.put("id", id);
    poll.put("expires_at", now.plusSeconds(expiresIn(request).orElseThrow()).toString());
    poll.put("expired", false);
    poll.put("multiple", bool(request.param("poll[multiple]")));
    poll.put("votes_count", 0);
    if (bool(request.param("poll[multiple]"))) {
      poll.put("voters_count", 0);
    } else {
      poll.putNull("voters_count");
    }
    ArrayNode array = poll.putArray("options");
    boolean hideTotals = bool(request.param("poll[hide_totals]"));
    for (String title : options(request)) {
      ObjectNode option = array.addObject().put("title", title);
      if (hideTotals) {
        option.putNull("votes_count");
      } else {
        option.put("votes_count", 0);
      }
    }
    poll.putArray("emojis");
    return poll;
  }

  /** The language the status gets ({@code valid_locale_cascade}). */
  String language(FakeRequest request) {
    String value = request.param("language").orElse("");
    if (LANGUAGES.contains(value)) {
      return value;
    }
    String code = value.split("[_-]", 2)[0];
    return LANGUAGES.contains(code) ? code : defaultLocale;
  }

  private static List<String> options(FakeRequest request) {
    return request.params("poll[options][]").stream()
        .map(String::strip)
        .filter(o -> !o.isEmpty())
        .toList();
  }

  /** {@code Expireable#expires_in=}: {@code to_i} of the value; absent when blank. */
  private static Optional<Long> expiresIn(FakeRequest request) {
    return request.param("poll[expires_in]").filter(v -> !v.isBlank()).map(v -> {
      String digits = v.strip().replaceFirst("^([-+]?\\d*).*$", "$1");
      return digits.isEmpty() || digits.equals("-") || digits.equals("+") ? 0L
          : Long.parseLong(digits);
    });
  }

  /** Rails' boolean cast: false for false, 0, f, off (any case) and blank; true otherwise. */
  private static boolean bool(Optional<String> value) {
    return value.map(v -> !Set.of("false", "0", "f", "off", "").contains(v.strip().toLowerCase(
        java.util.Locale.ROOT))).orElse(false);
  }

  private static Optional<String> error(String attribute, String message) {
    return Optional.of("Validation failed: Poll " + attribute + " " + message);
  }

}
