package dev.herald.platforms.internal.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.platforms.testing.FakeResponse;
import dev.herald.platforms.testing.FakeServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;

/**
 * Answers {@code GET /error?status=&code=&subcode=&transient=} with that Graph error envelope, so
 * tests can classify real {@link ApiResponse}s for codes that have no fixture.
 */
public final class GraphErrorServer extends FakeServer {

  private final HttpTransport transport =
      new HttpTransport(
          "graph", HttpTransport.defaultClient(Duration.ofSeconds(2)), Duration.ofSeconds(2));

  public GraphErrorServer() {
    super("graph", InstantSource.system());
    route(
        "GET",
        "/error",
        r -> {
          int status = Integer.parseInt(r.param("status").orElse("400"));
          if (r.param("code").isEmpty()) {
            return FakeResponse.empty(status);
          }
          // Graph's error envelope: https://developers.facebook.com/docs/graph-api/guides/error-handling
          ObjectNode error = Json.object()
              .put("message", "test error")
              .put("type", "OAuthException")
              .put("code", Integer.parseInt(r.param("code").orElseThrow()))
              .put("fbtrace_id", "GraphErrorServerTrace");
          r.param("subcode").ifPresent(subcode ->
              error.put("error_subcode", Integer.parseInt(subcode)));
          r.param("transient").ifPresent(t -> error.put("is_transient", true));
          ObjectNode body = Json.object();
          body.set("error", error);
          return FakeResponse.json(status, new String(Json.write(body), StandardCharsets.UTF_8));
        });
    start();
  }

  /** A response with {@code status} and, when {@code code} is not null, that Graph error. */
  public ApiResponse response(int status, Integer code, Integer subcode, boolean isTransient) {
    String query =
        "status="
            + status
            + (code == null ? "" : "&code=" + code)
            + (subcode == null ? "" : "&subcode=" + subcode)
            + (isTransient ? "&transient=1" : "");
    return transport.send(ApiRequest.get(URI.create(baseUri() + "/error?" + query)).build());
  }
}
