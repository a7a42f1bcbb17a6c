package dev.herald.docs.microblog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.platforms.testing.FakeRequest;
import dev.herald.platforms.testing.FakeResponse;
import dev.herald.platforms.testing.FakeServer;
import dev.herald.platforms.testing.LedgerEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loopback fake of "Microblog", the made-up platform of the guide to adding a platform
 * (docs/platforms/custom-platform.md), built on Herald's {@link FakeServer} as a host would build
 * one for its own platform:
 *
 * <ul>
 *   <li>{@code POST /api/posts} with a bearer token and a JSON body {@code {"text", "media_urls"}}
 *       answers 201 {@code {"id", "url"}}; a repeated {@code Idempotency-Key} of the same account
 *       is answered with the first answer, without a second post; 401 for an unknown token; 422
 *       for a text over 500 code points.
 *   <li>{@code POST /oauth/token} with {@code grant_type=refresh_token} rotates the account's token
 *       pair (the old refresh token stops working); 400 {@code invalid_grant} for an unknown one.
 * </ul>
 *
 * <p>Faults ({@link FakeServer#inject}) answer in the same {@code {"error", "message"}} envelope.
 * This class is threadsafe.
 */
public final class FakeMicroblog extends FakeServer {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> accountsByToken = new HashMap<>();
  private final Map<String, String> accountsByRefreshToken = new HashMap<>();
  private final Map<String, FakeResponse> answersByKey = new HashMap<>();
  private int lastId = 1000;
  private int lastToken;

  /** A fake with no accounts, on {@code clock}, answering at {@link #baseUri()}. */
  public FakeMicroblog(InstantSource clock) {
    super("microblog", clock);
    route("POST", "/api/posts", this::post);
    route("POST", "/oauth/token", this::token);
    start();
  }

  /** Adds {@code account} with an access token and a refresh token. */
  public synchronized FakeMicroblog account(String account, String token, String refreshToken) {
    accountsByToken.put(token, account);
    accountsByRefreshToken.put(refreshToken, account);
    return this;
  }

  /** Whether {@code token} is a valid access token now. */
  public synchronized boolean acceptsToken(String token) {
    return accountsByToken.containsKey(token);
  }

  @Override
  protected FakeResponse faultResponse(int status) {
    return error(status, "fault", "injected HTTP " + status);
  }

  private synchronized FakeResponse post(FakeRequest request) {
    String account = request.bearerToken().map(accountsByToken::get).orElse(null);
    if (account == null) {
      return error(401, "invalid_token", "The access token is invalid");
    }
    Optional<String> key = request.header("Idempotency-Key");
    if (key.isPresent() && answersByKey.containsKey(account + " " + key.get())) {
      return answersByKey.get(account + " " + key.get());
    }
    JsonNode body = parse(request.bodyText());
    String text = body.path("text").asText("");
    if (text.codePointCount(0, text.length()) > 500) {
      return error(422, "text_too_long", "Text is longer than 500 characters");
    }
    List<String> media = new ArrayList<>();
    body.path("media_urls").forEach(m -> media.add(m.asText()));
    String id = Integer.toString(++lastId);
    String url = baseUri().resolve("/@" + account + "/" + id).toString();
    ledger().record(new LedgerEntry(platform(), account, id, Optional.of(URI.create(url)),
        text, media, key, clock().instant()));
    ObjectNode created = JSON.createObjectNode().put("id", id).put("url", url);
    FakeResponse answer = FakeResponse.json(201, created.toString());
    key.ifPresent(k -> answersByKey.put(account + " " + k, answer));
    return answer;
  }

  private synchronized FakeResponse token(FakeRequest request) {
    if (!request.param("grant_type").orElse("").equals("refresh_token")) {
      return error(400, "unsupported_grant_type", "Only refresh_token is supported");
    }
    String account =
        request.param("refresh_token").map(accountsByRefreshToken::remove).orElse(null);
    if (account == null) {
      return error(400, "invalid_grant", "The refresh token is invalid or was already used");
    }
    accountsByToken.values().remove(account);
    String access = "access-" + account + "-" + (++lastToken);
    String refresh = "refresh-" + account + "-" + lastToken;
    account(account, access, refresh);
    ObjectNode tokens = JSON.createObjectNode()
        .put("access_token", access).put("refresh_token", refresh).put("expires_in", 7200);
    return FakeResponse.json(200, tokens.toString());
  }

  private static FakeResponse error(int status, String code, String message) {
    return FakeResponse.json(status,
        JSON.createObjectNode().put("error", code).put("message", message).toString());
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException("the fake expects a JSON body", e);
    }
  }
}
