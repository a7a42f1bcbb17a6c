package dev.herald.platforms.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.platforms.internal.http.ApiResponse;
import dev.herald.platforms.internal.http.Json;
import dev.herald.platforms.internal.http.MalformedResponseException;
import dev.herald.platforms.internal.http.TransportException;
import dev.herald.scheduler.publish.Reconciliation;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Looks for a status among an account's recent statuses on a Mastodon-API server (Mastodon,
 * Pixelfed), to reconcile a publish whose outcome was unknown: {@code GET
 * /api/v1/accounts/verify_credentials} gives the account id, {@code GET
 * /api/v1/accounts/:id/statuses} (newest first, 40 a page, paged back with {@code max_id}) the
 * statuses; a status created since the attempt (less {@link #CLOCK_SLACK}) with the text and
 * media that were sent is the post. Threadsafe (stateless; the reads given to it must be).
 */
public final class StatusLookup {

  /** How far before the recorded first send a status may be dated (clock skew between hosts). */
  public static final Duration CLOCK_SLACK = Duration.ofMinutes(1);

  /** Statuses asked for per page: 40 is the most both servers give. */
  public static final int PAGE = 40;

  /** Pages read at most before the answer is Undetermined (the account posted a lot since). */
  static final int MAX_PAGES = 5;

  private static final Pattern TAG = Pattern.compile("<[^>]*>");
  private static final Pattern ENTITY = Pattern.compile("&(#x?[0-9a-fA-F]+|amp|lt|gt|quot|apos|nbsp);");
  private static final Pattern SPACE = Pattern.compile("\\s+");

  /** The calls a lookup makes; each may throw {@link TransportException}. */
  public interface Reads {
    /**
     * {@code GET /api/v1/accounts/verify_credentials}.
     *
     * @return the response
     */
    ApiResponse account();

    /**
     * {@code GET /api/v1/accounts/:id/statuses?limit=40[&max_id=]}.
     *
     * @param accountId the account
     * @param maxId the page's upper bound (exclusive), or null for the newest
     * @return the response
     */
    ApiResponse statuses(String accountId, String maxId);

    /**
     * The plain text the status was created with, where the server can give it (Mastodon's
     * {@code GET /api/v1/statuses/:id/source}); empty where it cannot.
     *
     * @param statusId the status
     * @return the response, or empty
     */
    Optional<ApiResponse> source(String statusId);

    /**
     * The reads made of three calls of an instance's API client.
     *
     * @param account {@link #account()}
     * @param statuses {@link #statuses(String, String)}
     * @param source {@link #source(String)}
     * @return the reads
     */
    static Reads of(Supplier<ApiResponse> account,
        BiFunction<String, String, ApiResponse> statuses,
        Function<String, Optional<ApiResponse>> source) {
      return new Reads() {
        @Override
        public ApiResponse account() {
          return account.get();
        }

        @Override
        public ApiResponse statuses(String accountId, String maxId) {
          return statuses.apply(accountId, maxId);
        }

        @Override
        public Optional<ApiResponse> source(String statusId) {
          return source.apply(statusId);
        }
      };
    }
  }

  /**
   * What was sent.
   *
   * @param text the status text as sent
   * @param altTexts the media's alt texts, in order (empty strings for none)
   */
  public record Sent(String text, List<String> altTexts) {
    /** Whether a status could be told apart from others by what was sent. */
    boolean recognisable() {
      return !text.isBlank() || altTexts.stream().anyMatch(a -> !a.isBlank());
    }
  }

  /**
   * How to answer.
   *
   * @param platform the platform, for messages
   * @param settle how long after the attempt a status missing from the list counts as not created
   * @param retryDelay when to ask again after a read failure that may pass
   * @param clock the clock
   */
  public record Settings(String platform, Duration settle, Duration retryDelay, InstantSource clock) {}

  /** A failed read: the reconciliation to answer. */
  private static final class Failed extends Exception {
    private static final long serialVersionUID = 1L;
    final transient Reconciliation answer;

    Failed(Reconciliation answer) {
      super(null, null, false, false);
      this.answer = answer;
    }
  }

  private final Reads reads;
  private final Settings settings;

  /**
   * A lookup.
   *
   * @param reads the calls, bound to an instance and an account's token
   * @param settings how to answer
   */
  public StatusLookup(Reads reads, Settings settings) {
    this.reads = reads;
    this.settings = settings;
  }

  /**
   * Finds the status {@code sent} created, first sent at {@code firstSentAt}: {@code Found}; not
   * among the statuses since then and read at least {@code settle} after it: {@code NotFound};
   * before that, or a read failure that may pass (transport, 429, 5xx): {@code Pending}; a read
   * refused for good (another 4xx, an unreadable body), a post that cannot be told apart (no text
   * nor alt text) or more than {@value #MAX_PAGES} pages since: {@code Undetermined}.
   *
   * @param sent what was sent
   * @param firstSentAt when it was first sent
   * @return the answer
   */
  public Reconciliation find(Sent sent, Instant firstSentAt) {
    Instant since = firstSentAt.minus(CLOCK_SLACK);
    try {
      Optional<JsonNode> found = search(sent, since);
      if (found.isPresent()) {
        JsonNode status = found.get();
        return Reconciliation.found(Json.text(status, "id").orElseThrow(),
            Json.text(status, "url").map(StatusLookup::uri).orElse(null));
      }
    } catch (Failed failed) {
      return failed.answer;
    }
    if (!sent.recognisable()) {
      return Reconciliation.undetermined(settings.platform() + ": a post without text or alt text"
          + " cannot be told apart from the account's other statuses");
    }
    return settledOrPending(firstSentAt, "no status with its text among the account's statuses"
        + " since " + since);
  }

  /**
   * {@code NotFound} with {@code evidence} once {@code settle} has passed since {@code
   * firstSentAt}, else {@code Pending} until then.
   *
   * @param firstSentAt when the post was first sent
   * @param evidence what showed that it was not created
   * @return the answer
   */
  public Reconciliation settledOrPending(Instant firstSentAt, String evidence) {
    Instant settled = firstSentAt.plus(settings.settle());
    Instant now = settings.clock().instant();
    if (now.isBefore(settled)) {
      return Reconciliation.pending(Duration.between(now, settled),
          evidence + " yet; the request may still be in flight");
    }
    return Reconciliation.notFound(evidence);
  }

  private Optional<JsonNode> search(Sent sent, Instant since) throws Failed {
    JsonNode account = read(reads::account, "verify_credentials");
    String accountId = Json.text(account, "id").orElseThrow(() -> new Failed(
        Reconciliation.undetermined(settings.platform() + ": verify_credentials without an id")));
    String maxId = null;
    for (int page = 1; page <= MAX_PAGES; page++) {
      String upper = maxId;
      JsonNode statuses = read(() -> reads.statuses(accountId, upper), "account statuses");
      if (!statuses.isArray()) {
        throw new Failed(Reconciliation.undetermined(settings.platform()
            + ": the account's statuses are not a list"));
      }
      boolean reachedOlder = statuses.size() < PAGE;
      for (JsonNode status : statuses) {
        Instant created = createdAt(status);
        if (created.isBefore(since)) {
          reachedOlder = true;
          break;
        }
        if (sent.recognisable() && matches(status, sent)) {
          return Optional.of(status);
        }
        maxId = Json.text(status, "id").orElse(maxId);
      }
      if (reachedOlder) {
        return Optional.empty();
      }
    }
    throw new Failed(Reconciliation.undetermined(settings.platform() + ": the account posted more"
        + " than " + MAX_PAGES * PAGE + " statuses since " + since + "; not searched further"));
  }

  private boolean matches(JsonNode status, Sent sent) throws Failed {
    if (!status.path("reblog").isNull() && !status.path("reblog").isMissingNode()) {
      return false; // a boost: its content is the boosted status's
    }
    JsonNode media = status.path("media_attachments");
    if (media.size() != sent.altTexts().size()) {
      return false;
    }
    for (int i = 0; i < media.size(); i++) {
      String alt = sent.altTexts().get(i);
      if (!alt.isBlank() && !normalize(alt).equals(normalize(media.get(i).path("description")
          .asText("")))) {
        return false;
      }
    }
    String expected = normalize(TAG.matcher(sent.text()).replaceAll(""));
    if (expected.equals(shownText(status))) {
      return true;
    }
    String id = Json.text(status, "id").orElse("");
    Optional<ApiResponse> source = call(() -> reads.source(id));
    if (source.isEmpty() || !source.get().isSuccessful()) {
      return false; // the content was the only evidence, and it differs
    }
    JsonNode body = json(source.get(), "status source");
    return normalize(body.path("text").asText("")).equals(normalize(sent.text()));
  }

  /**
   * The status's text as shown: Pixelfed's {@code content_text} (the caption as stored) where
   * given, else the HTML {@code content} as text: paragraphs and line breaks as white space,
   * tags removed (a link's hidden spans keep its full URL), entities decoded.
   */
  private static String shownText(JsonNode status) {
    JsonNode plain = status.path("content_text");
    if (plain.isTextual()) {
      return normalize(plain.asText());
    }
    String html = status.path("content").asText("")
        .replaceAll("(?i)</p>\\s*<p[^>]*>", "\n\n")
        .replaceAll("(?i)<br\\s*/?>", "\n");
    return normalize(decode(TAG.matcher(html).replaceAll("")));
  }

  /**
   * {@code text} with its white space collapsed and trimmed, as statuses are compared: line breaks
   * may be rendered either way.
   *
   * @param text a status text
   * @return the text to compare
   */
  public static String normalizedText(String text) {
    return normalize(text);
  }

  /** White space collapsed and trimmed: line breaks may be rendered either way. */
  static String normalize(String text) {
    return SPACE.matcher(text).replaceAll(" ").trim();
  }

  static String decode(String html) {
    Matcher m = ENTITY.matcher(html);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String entity = m.group(1);
      String replacement = switch (entity) {
        case "amp" -> "&";
        case "lt" -> "<";
        case "gt" -> ">";
        case "quot" -> "\"";
        case "apos" -> "'";
        case "nbsp" -> " ";
        default -> {
          try {
            int code = entity.startsWith("#x") || entity.startsWith("#X")
                ? Integer.parseInt(entity.substring(2), 16) : Integer.parseInt(entity.substring(1));
            yield new String(Character.toChars(code));
          } catch (IllegalArgumentException e) {
            yield m.group();
          }
        }
      };
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private Instant createdAt(JsonNode status) throws Failed {
    String value = status.path("created_at").asText("");
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new Failed(Reconciliation.undetermined(settings.platform() + ": a status's created_at '"
          + value + "' is not a date-time"));
    }
  }

  private interface Call<T> {
    T send();
  }

  private <T> T call(Call<T> call) throws Failed {
    try {
      return call.send();
    } catch (TransportException e) {
      throw new Failed(Reconciliation.pending(settings.retryDelay(),
          settings.platform() + ": could not read the account's statuses: " + e.getMessage()));
    }
  }

  private JsonNode read(Call<ApiResponse> call, String what) throws Failed {
    ApiResponse response = call(call);
    if (!response.isSuccessful()) {
      String reason = settings.platform() + " " + response + ": cannot read " + what;
      int status = response.status();
      throw new Failed(status == 429 || status >= 500
          ? Reconciliation.pending(settings.retryDelay(), reason)
          : Reconciliation.undetermined(reason));
    }
    return json(response, what);
  }

  private JsonNode json(ApiResponse response, String what) throws Failed {
    try {
      return response.json();
    } catch (MalformedResponseException e) {
      throw new Failed(Reconciliation.undetermined(settings.platform() + " " + response
          + ": unreadable " + what + ": " + e.getMessage()));
    }
  }

  private static URI uri(String url) {
    try {
      return URI.create(url);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
