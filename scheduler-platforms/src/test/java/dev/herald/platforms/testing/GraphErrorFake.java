package dev.herald.platforms.testing;

import dev.herald.platforms.internal.http.ApiRequest;
import dev.herald.platforms.internal.http.ApiResponse;
import dev.herald.platforms.internal.http.HttpTransport;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;

/**
 * Answers {@code GET /error?status=&code=&subcode=&transient=} with that Graph error envelope, so
 * tests can classify real {@link ApiResponse}s for codes that have no fixture.
 */
public final class GraphErrorFake extends FakeServer {

  private final HttpTransport transport =
      new HttpTransport(
          "graph", HttpTransport.defaultClient(Duration.ofSeconds(2)), Duration.ofSeconds(2));

  public GraphErrorFake() {
    super("graph", InstantSource.system());
    route(
        "GET",
        "/error",
        r -> {
          int status = Integer.parseInt(r.param("status").orElse("400"));
          if (r.param("code").isEmpty()) {
            return FakeResponse.empty(status);
          }
          FakeResponse error =
              FakeGraph.error(
                  status,
                  Integer.parseInt(r.param("code").orElseThrow()),
                  r.param("subcode").map(Integer::valueOf).orElse(null),
                  "test error");
          return r.param("transient").isPresent()
              ? FakeGraph.edit(
                  error,
                  b ->
                      ((com.fasterxml.jackson.databind.node.ObjectNode) b.path("error"))
                          .put("is_transient", true))
              : error;
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
