package dev.herald.platforms.internal;

import dev.herald.scheduler.publish.PostViolation;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.Target;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The instances of a federated platform (Mastodon, Pixelfed) that one publisher serves, and what it
 * keeps per instance: its API client, its cached limits and its accounts' rate-limit deadlines,
 * created on the first target that names
 * the instance and kept for the publisher's life. A target without an instance goes to the default
 * instance, if the publisher has one. Threadsafe.
 *
 * @param <A> the API client of one instance
 * @param <L> the limits of one instance
 */
public final class Instances<A, L> {

  /**
   * One instance.
   *
   * @param uri its base URI
   * @param api its API client
   * @param limits its limits, cached
   * @param rateLimited until when each account of the instance was told to wait by its last
   *     rate-limited publish (Mastodon's and Pixelfed's limits are per account)
   * @param <A> the API client type
   * @param <L> the limits type
   */
  public record Server<A, L>(URI uri, A api, InstanceLimits<L> limits,
      ConcurrentMap<String, Instant> rateLimited) {

    /** Until when {@code account} must wait, if its last publish was rate limited until later. */
    public Optional<Instant> rateLimitedUntil(String account, Instant now) {
      Instant until = rateLimited.get(account);
      if (until != null && !until.isAfter(now)) {
        rateLimited.remove(account, until);
        return Optional.empty();
      }
      return Optional.ofNullable(until);
    }

    /** Remembers a {@code RateLimited} result of {@code account}; forgets it on any other. */
    public void record(String account, PublishResult result) {
      if (result instanceof PublishResult.RateLimited limited) {
        rateLimited.merge(account, limited.until(), (a, b) -> a.isAfter(b) ? a : b);
      } else {
        rateLimited.remove(account);
      }
    }
  }

  /**
   * How a publisher's instances are set up.
   *
   * @param platform the platform id
   * @param defaultInstance the base URI of the instance of targets that name none, or null
   * @param uris the base URI of an instance name ({@code mastodon.social} → {@code
   *     https://mastodon.social})
   * @param clock times the limits' time to live
   * @param ttl how long limits are cached
   * @param pinned the configured limits, or null to read them from each instance
   * @param defaults the limits to use until an instance answered
   * @param <L> the limits type
   */
  public record Settings<L>(String platform, URI defaultInstance, Function<String, URI> uris,
      InstantSource clock, Duration ttl, L pinned, L defaults) {}

  private final Settings<L> settings;
  private final Function<URI, A> apis;
  private final BiFunction<URI, A, L> reader;
  private final ConcurrentMap<URI, Server<A, L>> servers = new ConcurrentHashMap<>();

  /**
   * @param settings the set-up
   * @param apis the API client of a base URI
   * @param reader reads an instance's limits; throws {@link IllegalStateException} when it cannot
   */
  public Instances(Settings<L> settings, Function<URI, A> apis, BiFunction<URI, A, L> reader) {
    this.settings = settings;
    this.apis = apis;
    this.reader = reader;
  }

  /** The base URI of an instance given by name: {@code https://} and the name. */
  public static URI https(String instance) {
    return URI.create("https://" + instance);
  }

  /**
   * Checks a base URI given to a builder: http or https, with a host.
   *
   * @throws IllegalArgumentException naming {@code field} and the value otherwise
   */
  public static URI checkBaseUri(URI uri, String field) {
    Preconditions.notNull(uri, field);
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
      throw new IllegalArgumentException(field + " must be an http(s) URI with a host, was " + uri);
    }
    return uri;
  }

  /** The instance {@code target} publishes to; empty if it names none and there is no default. */
  public Optional<Server<A, L>> of(Target target) {
    return uri(checkTarget(target)).map(this::server);
  }

  /**
   * The instance {@code target} publishes to.
   *
   * @throws IllegalArgumentException if it names none and there is no default
   */
  public Server<A, L> require(Target target) {
    return of(target).orElseThrow(() -> new IllegalArgumentException(noInstance(target)));
  }

  /** The default instance's limits as cached, or the pinned or default ones without one. */
  public L limits() {
    return Optional.ofNullable(settings.defaultInstance()).map(this::server)
        .map(s -> s.limits().get()).orElse(fallback());
  }

  /** The cached limits of {@code target}'s instance, or the pinned or default ones. */
  public L limits(Target target) {
    return of(target).map(s -> s.limits().get()).orElse(fallback());
  }

  /**
   * Reads the default instance's limits now.
   *
   * @throws IllegalStateException if there is no default instance, or it did not answer usably
   */
  public L refreshDefault() {
    if (settings.defaultInstance() == null) {
      throw new IllegalStateException("this " + settings.platform()
          + " publisher has no default instance; use refreshLimits(target)");
    }
    return server(settings.defaultInstance()).limits().refresh();
  }

  /** The violation of a target that names no instance, when there is no default; else none. */
  public List<PostViolation> instanceViolations(Target target) {
    return uri(checkTarget(target)).isPresent() ? List.of()
        : List.of(new PostViolation(settings.platform(), "target", noInstance(target)));
  }

  /** Why {@code target} has no instance to publish to. */
  public String noInstance(Target target) {
    return "target " + target + " names no " + settings.platform() + " instance and the publisher"
        + " has no default instance: use Target.of(\"" + settings.platform()
        + "\", instance, account)";
  }

  private Server<A, L> server(URI uri) {
    return servers.computeIfAbsent(uri, u -> {
      A api = apis.apply(u);
      return new Server<>(u, api, new InstanceLimits<>(settings.platform(), u,
          () -> reader.apply(u, api), settings.clock(), settings.ttl(), settings.pinned(),
          settings.defaults()), new ConcurrentHashMap<>());
    });
  }

  private Optional<URI> uri(Target target) {
    URI defaultInstance = settings.defaultInstance();
    Optional<String> name = target.instance();
    if (name.isEmpty()) {
      return Optional.ofNullable(defaultInstance);
    }
    if (defaultInstance != null
        && name.get().equals(defaultInstance.getRawAuthority().toLowerCase(Locale.ROOT))) {
      return Optional.of(defaultInstance);
    }
    return Optional.of(checkBaseUri(settings.uris().apply(name.get()),
        settings.platform() + " URI of instance " + name.get()));
  }

  private Target checkTarget(Target target) {
    Preconditions.notNull(target, "target");
    if (!target.platform().equals(settings.platform())) {
      throw new IllegalArgumentException("target " + target + " is not on " + settings.platform()
          + "; this publisher publishes to " + settings.platform());
    }
    return target;
  }

  private L fallback() {
    return settings.pinned() != null ? settings.pinned() : settings.defaults();
  }

  @Override
  public String toString() {
    URI defaultInstance = settings.defaultInstance();
    return defaultInstance == null ? "any instance" : defaultInstance + " and any instance";
  }
}
