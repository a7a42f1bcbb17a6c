package dev.herald.platforms.internal.http;

import dev.herald.platforms.testing.FakeResponse;
import dev.herald.platforms.testing.FakeServer;
import java.time.InstantSource;

/** Answers {@code POST} and {@code PUT /echo} with the size of the body it received. */
final class EchoServer extends FakeServer {

  EchoServer() {
    super("echo", InstantSource.system());
    route("POST", "/echo", r -> FakeResponse.json(200, "{\"received\":" + r.body().length + "}"));
    route("PUT", "/echo", r -> FakeResponse.json(201, "{\"received\":" + r.body().length + "}"));
    start();
  }
}
