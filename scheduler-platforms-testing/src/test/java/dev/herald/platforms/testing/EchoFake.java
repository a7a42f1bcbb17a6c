package dev.herald.platforms.testing;

import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/** A minimal platform fake for tests of the framework and the plumbing: it answers what it got. */
final class EchoFake extends FakeServer {

  EchoFake() {
    super("echo", InstantSource.system());
    route("POST", "/echo", r -> FakeResponse.json(200, "{\"received\":" + r.body().length + "}"));
    route("PUT", "/echo", r -> FakeResponse.json(201, "{\"received\":" + r.body().length + "}"));
    route(
        "GET",
        "/users/{user}/posts/{post}",
        r ->
            FakeResponse.json(
                200,
                "{\"user\":\""
                    + r.pathParam("user").orElseThrow()
                    + "\",\"post\":\""
                    + r.pathParam("post").orElseThrow()
                    + "\"}"));
    route("GET", "/fixture/{file}", r -> fixture(r.pathParam("file").orElseThrow()));
    route(
        "POST",
        "/publish",
        r -> {
          ledger()
              .record(
                  new LedgerEntry(
                      "echo",
                      "acct",
                      "id-" + ledger().size(),
                      Optional.empty(),
                      r.param("text").orElse(""),
                      List.of(),
                      r.header("Idempotency-Key"),
                      clock().instant()));
          return FakeResponse.json(200, "{\"id\":\"ok\"}");
        });
    start();
  }
}
