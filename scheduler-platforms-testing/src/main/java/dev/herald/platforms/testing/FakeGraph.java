package dev.herald.platforms.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the Graph API fakes ({@link FakeInstagram}, {@link FakeFacebook}) share: reading the token
 * of a request, answering in the Graph error envelope, editing fixture bodies, and pointing the
 * production hosts named in fixtures ({@code rupload.facebook.com}, {@code graph.instagram.com},
 * {@code graph.facebook.com}) at the fake itself. This class is threadsafe (stateless).
 */
final class FakeGraph {

  /** Hosts that fixtures name and that clients call: rewritten to the fake's base URI. */
  private static final String[] HOSTS = {
    "https://rupload.facebook.com", "https://graph.instagram.com", "https://graph.facebook.com"
  };

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx").withZone(ZoneOffset.UTC);

  private FakeGraph() {}

  /** Thrown by a handler to answer {@link #response} at once (auth failures, bad requests). */
  static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient FakeResponse response;

    Refusal(FakeResponse response) {
      super(null, null, false, false);
      this.response = response;
    }
  }

  /**
   * {@code handler}, answering a {@link Refusal} with its response and pointing production hosts in
   * every body at {@code base}.
   */
  static FakeHandler handler(FakeHandler handler, java.util.function.Supplier<URI> base) {
    return request -> {
      FakeResponse response;
      try {
        response = handler.handle(request);
      } catch (Refusal refusal) {
        response = refusal.response;
      }
      return rewriteHosts(response, base.get());
    };
  }

  /** The token of {@code request}: its {@code access_token} parameter, else a Bearer/OAuth one. */
  static Optional<String> token(FakeRequest request) {
    return request.param("access_token").or(request::bearerToken);
  }

  /** A Graph error envelope, marked as not coming from a fixture. */
  static FakeResponse error(int status, int code, Integer subcode, String message) {
    ObjectNode error = Json.object();
    error.put("message", message);
    error.put("type", "OAuthException");
    error.put("code", code);
    if (subcode != null) {
      error.put("error_subcode", subcode);
    }
    error.put("fbtrace_id", "FakeGraphTrace");
    ObjectNode body = Json.object();
    body.set("error", error);
    return FakeResponse.json(status, new String(Json.write(body), StandardCharsets.UTF_8));
  }

  /** {@code response} with its JSON object body edited by {@code edit}. */
  static FakeResponse edit(FakeResponse response, Consumer<ObjectNode> edit) {
    ObjectNode body = (ObjectNode) Json.parse(response.body());
    edit.accept(body);
    return response.withBody(Json.write(body));
  }

  /** {@code response} with every production host in its body replaced by {@code base}. */
  static FakeResponse rewriteHosts(FakeResponse response, URI base) {
    String text = response.bodyText();
    String rewritten = text;
    for (String host : HOSTS) {
      rewritten = rewritten.replace(host, base.toString());
    }
    return rewritten.equals(text)
        ? response
        : response.withBody(rewritten.getBytes(StandardCharsets.UTF_8));
  }

  /** A Graph timestamp: {@code 2026-11-20T12:33:41+0000}. */
  static String time(Instant instant) {
    return TIME.format(instant);
  }

  /** {@code text} replaced with {@code to} in {@code response}'s body. */
  static FakeResponse replace(FakeResponse response, String text, String to) {
    return response.withBody(
        response.bodyText().replace(text, to).getBytes(StandardCharsets.UTF_8));
  }
}
