package dev.herald.platforms.testing;

import static dev.herald.platforms.testing.Arguments.atLeast;
import static dev.herald.platforms.testing.Arguments.notNegative;
import static dev.herald.platforms.testing.Arguments.notNull;
import static dev.herald.platforms.testing.Arguments.positive;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure a {@link FakeServer} injects, on every route ({@link FakeServer#inject(Fault)}) or on
 * one ({@link FakeServer#inject(String, Fault)}), for every matching request or only the next
 * {@link #times(int) n}.
 *
 * <ul>
 *   <li>{@link #delay(Duration)}: wait, then answer normally (combine with a client timeout).
 *   <li>{@link #status(int)}, {@link #fixture(String)}, {@link #rateLimited(Duration)}: answer with
 *       an error instead of running the route, so nothing is published.
 *   <li>{@link #dropAfterAccept()}: run the route (a publish is recorded in the ledger), then close
 *       the connection without answering: the client sees an I/O error after sending.
 *   <li>{@link #dropBeforeAccept()}: close the connection without running the route.
 * </ul>
 *
 * <p>Instances are immutable and threadsafe.
 */
public final class Fault {

  enum Kind {
    DELAY,
    STATUS,
    FIXTURE,
    RATE_LIMITED,
    DROP_AFTER_ACCEPT,
    DROP_BEFORE_ACCEPT
  }

  private final Kind kind;
  private final Duration duration;
  private final int status;
  private final String fixture;
  private final int times;

  private Fault(Kind kind, Duration duration, int status, String fixture, int times) {
    this.kind = kind;
    this.duration = duration;
    this.status = status;
    this.fixture = fixture;
    this.times = times;
  }

  /**
   * Waits {@code delay} (real time) before answering.
   *
   * @param delay how long to wait
   * @return the fault
   */
  public static Fault delay(Duration delay) {
    return new Fault(Kind.DELAY, notNegative(delay, "delay"), 0, null, 0);
  }

  /**
   * Answers with {@code status} and the platform's error body for it (see {@link
   * FakeServer#faultResponse(int)}).
   *
   * @param status the HTTP status
   * @return the fault
   * @throws IllegalArgumentException unless {@code status} is 400..599
   */
  public static Fault status(int status) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("fault status must be 400..599, was " + status);
    }
    return new Fault(Kind.STATUS, Duration.ZERO, status, null, 0);
  }

  /**
   * Answers with the fixture {@code file}: its status, headers and body.
   *
   * @param file the fixture's file name
   * @return the fault
   * @throws IllegalArgumentException if there is no such fixture
   */
  public static Fault fixture(String file) {
    return new Fault(Kind.FIXTURE, Duration.ZERO, 0, Fixtures.get(file).file(), 0);
  }

  /**
   * Answers HTTP 429 with {@code Retry-After: <seconds>} and the platform's 429 body.
   *
   * @param retryAfter the wait the response asks for, in whole seconds
   * @return the fault
   */
  public static Fault rateLimited(Duration retryAfter) {
    return new Fault(Kind.RATE_LIMITED, positive(retryAfter, "retryAfter"), 429, null, 0);
  }

  /**
   * Runs the route, then drops the connection without a response.
   *
   * @return the fault
   */
  public static Fault dropAfterAccept() {
    return new Fault(Kind.DROP_AFTER_ACCEPT, Duration.ZERO, 0, null, 0);
  }

  /**
   * Drops the connection without running the route.
   *
   * @return the fault
   */
  public static Fault dropBeforeAccept() {
    return new Fault(Kind.DROP_BEFORE_ACCEPT, Duration.ZERO, 0, null, 0);
  }

  /**
   * This fault for the next {@code n} matching requests only.
   *
   * @param n the number of requests, 1 or more
   * @return a copy of this fault, limited to {@code n} requests
   * @throws IllegalArgumentException if {@code n} is less than 1
   */
  public Fault times(int n) {
    return new Fault(kind, duration, status, fixture, atLeast(n, 1, "times"));
  }

  Kind kind() {
    return kind;
  }

  Duration duration() {
    return duration;
  }

  int statusCode() {
    return status;
  }

  Optional<String> fixtureFile() {
    return Optional.ofNullable(fixture);
  }

  /** How many requests this fault applies to; 0 for all. */
  int limit() {
    return times;
  }

  @Override
  public String toString() {
    String what =
        switch (kind) {
          case DELAY -> "delay " + duration;
          case STATUS -> "HTTP " + status;
          case FIXTURE -> notNull(fixture, "fixture");
          case RATE_LIMITED -> "HTTP 429, Retry-After " + duration.toSeconds() + " s";
          case DROP_AFTER_ACCEPT -> "drop after accept";
          case DROP_BEFORE_ACCEPT -> "drop before accept";
        };
    return "Fault[" + what + (times == 0 ? "" : ", " + times + "x") + "]";
  }
}
