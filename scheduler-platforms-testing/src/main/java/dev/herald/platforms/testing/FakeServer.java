package dev.herald.platforms.testing;

import static dev.herald.platforms.testing.Arguments.notBlank;
import static dev.herald.platforms.testing.Arguments.notNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The base of the loopback fake platforms: a JDK {@link HttpServer} on {@code 127.0.0.1} and a free
 * port, routing by method and path ({@code {name}} placeholders), recording every request, keeping
 * a {@link Ledger} of accepted publishes, serving {@link Fixtures} and injecting {@link Fault}s.
 *
 * <p>A platform fake (e.g. {@link FakeMastodon}) registers its routes with {@link #route} in its
 * constructor, then its factory calls {@link #start()}. Handlers serve fixtures with {@link
 * #fixture(String)}, so {@link #servedFixtures()} tells which fixture files a test exercised, and
 * record publishes in {@link #ledger()}.
 *
 * <p>This class is threadsafe; close it to free the port.
 */
public abstract class FakeServer implements AutoCloseable {

  // The category docs/logging.md documents for the fakes.
  private static final Logger log = LoggerFactory.getLogger("dev.herald.platforms.testing");

  static {
    // The JDK server writes headers and body separately; with Nagle's algorithm on, every exchange
    // waits ~40 ms for a delayed ACK. Read once, when the first HttpServer is created.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private record Route(RoutePattern pattern, FakeHandler handler) {}

  private record FaultRule(RoutePattern route, Fault fault, AtomicInteger remaining) {
    boolean matches(String method, String path) {
      return route == null || route.match(method, path).isPresent();
    }

    /** Takes one use of this rule; false once a limited rule is used up. */
    boolean take() {
      return fault.limit() == 0 || remaining.getAndDecrement() > 0;
    }
  }

  private final String platform;
  private final InstantSource clock;
  private final HttpServer server;
  private final ExecutorService executor;
  private final List<Route> routes = new CopyOnWriteArrayList<>();
  private final List<FaultRule> faults = new CopyOnWriteArrayList<>();
  private final List<FakeRequest> requests = new CopyOnWriteArrayList<>();
  private final Set<String> served = ConcurrentHashMap.newKeySet();
  private final Ledger ledger = new Ledger();

  /**
   * Binds a server for {@code platform} to a free loopback port; it answers nothing until {@link
   * #start()}.
   *
   * @param platform the platform id, lower case
   * @param clock the fake's notion of time (idempotency windows, ledger timestamps)
   * @throws UncheckedIOException if no port can be bound
   */
  protected FakeServer(String platform, InstantSource clock) {
    this.platform = notBlank(platform, "platform");
    this.clock = notNull(clock, "clock");
    try {
      this.server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("fake " + platform + ": cannot bind a loopback port", e);
    }
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "fake-" + platform + "-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::dispatch);
  }

  /** Starts answering requests. Platform fakes call this once their routes are registered. */
  protected final void start() {
    server.start();
    log.debug("fake {} listening on {}", platform, baseUri());
  }

  /**
   * Registers {@code handler} for {@code method} and {@code path} ({@code {name}} placeholders).
   *
   * @param method the HTTP method, upper case
   * @param path the path, e.g. {@code /api/v1/statuses/{id}}
   * @param handler what answers the matching requests
   */
  protected final void route(String method, String path, FakeHandler handler) {
    routes.add(new Route(RoutePattern.of(method, path), notNull(handler, "handler")));
  }

  /**
   * A response serving fixture {@code file} with the status and headers of its index entry.
   *
   * @param file the fixture's file name
   * @return the fixture's response
   */
  protected final FakeResponse fixture(String file) {
    return FakeResponse.of(Fixtures.get(file));
  }

  /**
   * The response of an injected {@link Fault#status(int)} or {@link Fault#rateLimited} fault.
   * Platform fakes override this to answer in their platform's error envelope.
   *
   * @param status the injected HTTP status, 400 to 599
   * @return the response to send
   */
  protected FakeResponse faultResponse(int status) {
    return FakeResponse.json(
        status, "{\"error\":\"fake " + platform + " fault: HTTP " + status + "\"}");
  }

  /**
   * The platform id.
   *
   * @return the platform id, lower case
   */
  public final String platform() {
    return platform;
  }

  /**
   * {@code http://127.0.0.1:<port>}, the base URI to configure a publisher with.
   *
   * @return the base URI
   */
  public final URI baseUri() {
    InetSocketAddress address = server.getAddress();
    return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
  }

  /**
   * The fake's clock.
   *
   * @return the clock
   */
  public final InstantSource clock() {
    return clock;
  }

  /**
   * The publishes this fake accepted.
   *
   * @return the ledger of accepted publishes
   */
  public final Ledger ledger() {
    return ledger;
  }

  /**
   * Every request received, oldest first, including those answered by a fault.
   *
   * @return the requests, a snapshot
   */
  public final List<FakeRequest> requests() {
    return List.copyOf(requests);
  }

  /**
   * The requests matching {@code route}, e.g. {@code "POST /api/v1/statuses"}.
   *
   * @param route the method and path, separated by a space
   * @return the matching requests, oldest first
   */
  public final List<FakeRequest> requests(String route) {
    RoutePattern pattern = RoutePattern.parse(route);
    return requests.stream().filter(r -> pattern.match(r.method(), r.path()).isPresent()).toList();
  }

  /**
   * The fixture files this fake has served so far.
   *
   * @return the file names, a snapshot
   */
  public final Set<String> servedFixtures() {
    return Set.copyOf(served);
  }

  /**
   * Injects {@code fault} on every route.
   *
   * @param fault the fault to inject
   */
  public final void inject(Fault fault) {
    addFault(null, fault);
  }

  /**
   * Injects {@code fault} on {@code route}, e.g. {@code "POST /api/v1/statuses"}.
   *
   * @param route the method and path, separated by a space
   * @param fault the fault to inject
   */
  public final void inject(String route, Fault fault) {
    addFault(RoutePattern.parse(route), fault);
  }

  /** Removes every injected fault. */
  public final void clearFaults() {
    faults.clear();
  }

  /** Stops the server at once, dropping open connections. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName()
        + "["
        + baseUri()
        + ", "
        + requests.size()
        + " requests, "
        + ledger
        + "]";
  }

  private void addFault(RoutePattern route, Fault fault) {
    notNull(fault, "fault");
    faults.add(new FaultRule(route, fault, new AtomicInteger(fault.limit())));
  }

  private void dispatch(HttpExchange exchange) throws IOException {
    try (exchange) {
      FakeRequest request = FakeRequest.read(exchange, clock.instant());
      requests.add(request);
      Fault terminal = null;
      for (FaultRule rule : faults) {
        if (!rule.matches(request.method(), request.path())) {
          continue;
        }
        if (rule.fault().kind() == Fault.Kind.DELAY) {
          if (rule.take()) {
            Thread.sleep(rule.fault().duration().toMillis());
          }
        } else if (terminal == null && rule.take()) {
          terminal = rule.fault();
        }
      }
      if (terminal != null && terminal.kind() == Fault.Kind.DROP_BEFORE_ACCEPT) {
        log.debug("fake {}: {} dropped before accept", platform, request);
        return;
      }
      FakeResponse response =
          terminal != null && terminal.kind() != Fault.Kind.DROP_AFTER_ACCEPT
              ? faultAnswer(terminal)
              : answer(request);
      if (terminal != null && terminal.kind() == Fault.Kind.DROP_AFTER_ACCEPT) {
        log.debug("fake {}: {} accepted, then dropped", platform, request);
        return;
      }
      send(exchange, request, response);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private FakeResponse faultAnswer(Fault fault) {
    return switch (fault.kind()) {
      case STATUS -> faultResponse(fault.statusCode());
      case FIXTURE -> fixture(fault.fixtureFile().orElseThrow());
      case RATE_LIMITED ->
          faultResponse(429).withHeader("Retry-After", Long.toString(fault.duration().toSeconds()));
      default -> throw new IllegalStateException("not an answering fault: " + fault);
    };
  }

  private FakeResponse answer(FakeRequest request) {
    for (Route route : routes) {
      Optional<Map<String, String>> params =
          route.pattern().match(request.method(), request.path());
      if (params.isPresent()) {
        try {
          return route.handler().handle(request.withPathParams(params.get()));
        } catch (RuntimeException e) {
          log.warn("fake {}: route {} failed on {}", platform, route.pattern(), request, e);
          return FakeResponse.json(500, "{\"error\":\"fake " + platform + " route failed\"}");
        }
      }
    }
    return FakeResponse.json(
        404,
        "{\"error\":\"fake "
            + platform
            + ": no route for "
            + request.method()
            + " "
            + request.path()
            + "\"}");
  }

  private void send(HttpExchange exchange, FakeRequest request, FakeResponse response)
      throws IOException {
    response.fixture().ifPresent(served::add);
    response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    byte[] body = response.bodyBytes();
    exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
    log.debug("fake {}: {} -> {}", platform, request, response);
  }
}
