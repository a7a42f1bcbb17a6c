package dev.herald.platforms.testing;

import java.util.Locale;
import java.util.Map;

/**
 * The error strings a {@link FakeMastodon} renders, in the instance's locale. Mastodon's API
 * controllers skip the per-user locale ({@code skip_around_action :set_locale} in
 * mastodon/mastodon {@code app/controllers/api/base_controller.rb}), so its validation errors come
 * out in the instance's {@code DEFAULT_LOCALE}: a client that matches the English text misreads
 * every other instance. The strings are Mastodon's own translations:
 *
 * <ul>
 *   <li>en: mastodon/mastodon {@code config/locales/en.yml};
 *   <li>de: mastodon/mastodon {@code config/locales/de.yml} ({@code media_attachments.validations},
 *       {@code scheduled_statuses.too_soon}, {@code statuses.over_character_limit});
 *   <li>ja: mastodon/mastodon {@code config/locales/ja.yml} as carried by fedibird/mastodon {@code
 *       config/locales/ja.yml} (the index holds only an old upstream ja.yml, without {@code
 *       not_ready});
 *   <li>the {@code ActiveRecord::RecordInvalid} wrapper ({@code
 *       activerecord.errors.messages.record_invalid}) from rails-i18n's de and ja locales.
 * </ul>
 *
 * <p>This class is threadsafe (immutable).
 */
final class FakeMastodonMessages {

  /** The locales the fake renders. */
  static final java.util.Set<String> LOCALES = java.util.Set.of("en", "de", "ja");

  private static final Map<String, Map<String, String>> TEXT =
      Map.of(
          "en",
          Map.of(
              "record_invalid", "Validation failed: %s",
              "not_ready",
                  "Cannot attach files that have not finished processing. Try again in a moment!",
              "too_many", "Cannot attach more than %d files",
              "over_character_limit", "character limit of %d exceeded",
              "too_soon", "The scheduled date must be in the future",
              "description_too_long", "is too long (maximum is %d characters)"),
          "de",
          Map.of(
              "record_invalid", "Gültigkeitsprüfung ist fehlgeschlagen: %s",
              "not_ready",
                  "Dateien, die noch nicht bearbeitet wurden, können nicht angehängt werden."
                      + " Versuche es gleich noch einmal!",
              "too_many", "Es können nicht mehr als %d Dateien angehängt werden",
              "over_character_limit", "Zeichenlimit von %d überschritten",
              "too_soon", "Das geplante Datum muss in der Zukunft liegen",
              "description_too_long", "ist zu lang (mehr als %d Zeichen)"),
          "ja",
          Map.of(
              "record_invalid", "バリデーションに失敗しました。 %s",
              "not_ready", "ファイルのアップロードに失敗しました。しばらくしてからもう一度お試しください！",
              "too_many", "追加できるファイルは%dつまでです",
              "over_character_limit", "上限は %d文字までです",
              "too_soon", "より先の時間を指定してください",
              "description_too_long", "は%d文字以内で入力してください"));

  private final Map<String, String> text;

  FakeMastodonMessages(String locale) {
    String key = locale.toLowerCase(Locale.ROOT);
    if (!LOCALES.contains(key)) {
      throw new IllegalArgumentException(
          "locale must be one of " + LOCALES.stream().sorted().toList() + ", was " + locale);
    }
    this.text = TEXT.get(key);
  }

  /** The message {@code key}, formatted with {@code args}. */
  String get(String key, Object... args) {
    return String.format(Locale.ROOT, text.get(key), args);
  }

  /** A validation failure of {@code attribute}: Rails' RecordInvalid wrapper around it. */
  String invalid(String attribute, String message) {
    return get("record_invalid", attribute + " " + message);
  }

  /** A JSON error body {@code {"error": message}}. */
  static String body(String message) {
    return "{\"error\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
  }
}
