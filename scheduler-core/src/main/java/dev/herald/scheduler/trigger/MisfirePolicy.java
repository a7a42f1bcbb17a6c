package dev.herald.scheduler.trigger;

import dev.herald.scheduler.internal.Preconditions;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * What a recurring job does about fire times it missed while no scheduler ran it (the application
 * was down, every worker was busy, the job was paused).
 *
 * <p>When a job is picked up at time {@code now}, its <em>missed fire times</em> are its pending
 * fire time plus every later fire time of its trigger up to {@code now}. Then:
 *
 * <ul>
 *   <li>{@link #coalesce()} (the default): run once, for the latest missed fire time, whatever
 *       their number.
 *   <li>{@link #fireAll()}: run once for every missed fire time, oldest first, back to back.
 *   <li>{@link #skipIfLaterThan(Duration)}: forget the missed fire times older than {@code grace};
 *       if any is left, run once (coalesced) for the latest; otherwise skip to the next future fire
 *       time. A one-time job that is later than the grace ends FAILED with the reason instead of
 *       running late, so nothing is dropped silently. This is APScheduler's {@code coalesce} plus
 *       {@code misfire_grace_time}.
 * </ul>
 *
 * <p>A retry of a failed run is not a missed fire time: it runs when due. Instances are immutable
 * and threadsafe.
 */
public sealed interface MisfirePolicy {

  /**
   * Run once for any number of missed fire times. The default.
   *
   * @return the coalescing policy
   */
  static MisfirePolicy coalesce() {
    return Coalesce.INSTANCE;
  }

  /**
   * Run once per missed fire time.
   *
   * @return the policy that runs every missed fire time
   */
  static MisfirePolicy fireAll() {
    return FireAll.INSTANCE;
  }

  /**
   * Skip fire times missed by more than {@code grace}.
   *
   * @param grace how late a fire time may run, zero or more
   * @return the skipping policy
   * @throws IllegalArgumentException if {@code grace} is negative
   */
  static MisfirePolicy skipIfLaterThan(Duration grace) {
    return new SkipIfLaterThan(grace);
  }

  /**
   * Parses a {@link #spec()}: {@code coalesce}, {@code fire-all} or {@code
   * skip-if-later-than:<ISO-8601 duration>} (e.g. {@code skip-if-later-than:PT5M}).
   *
   * @param spec the text form of a policy
   * @return the policy {@code spec} names
   * @throws IllegalArgumentException naming the value and the accepted forms if it does not parse
   */
  static MisfirePolicy parse(String spec) {
    Preconditions.notNull(spec, "misfire policy");
    String s = spec.strip();
    if (s.equals("coalesce")) {
      return coalesce();
    }
    if (s.equals("fire-all")) {
      return fireAll();
    }
    if (s.startsWith("skip-if-later-than:")) {
      String grace = s.substring("skip-if-later-than:".length());
      try {
        return skipIfLaterThan(Duration.parse(grace));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "misfire policy '" + spec + "' has an invalid grace '" + grace
                + "'; expected an ISO-8601 duration such as PT5M", e);
      }
    }
    throw new IllegalArgumentException(
        "unknown misfire policy '" + spec
            + "'; expected one of: coalesce, fire-all, skip-if-later-than:<ISO-8601 duration>");
  }

  /**
   * The stable text form, which {@link #parse(String)} reads back.
   *
   * @return the policy's spec, for example {@code skip-if-later-than:PT5M}
   */
  String spec();

  /** See {@link MisfirePolicy#coalesce()}. */
  enum Coalesce implements MisfirePolicy {
    /** The only instance. */
    INSTANCE;

    @Override
    public String spec() {
      return "coalesce";
    }
  }

  /** See {@link MisfirePolicy#fireAll()}. */
  enum FireAll implements MisfirePolicy {
    /** The only instance. */
    INSTANCE;

    @Override
    public String spec() {
      return "fire-all";
    }
  }

  /**
   * See {@link MisfirePolicy#skipIfLaterThan(Duration)}.
   *
   * @param grace how late a fire time may be and still run
   */
  record SkipIfLaterThan(Duration grace) implements MisfirePolicy {
    /**
     * Checks the component.
     *
     * @param grace how late a fire time may run, zero or more
     * @throws NullPointerException if {@code grace} is null
     * @throws IllegalArgumentException if {@code grace} is negative
     */
    public SkipIfLaterThan {
      Preconditions.notNegative(grace, "misfire grace");
    }

    @Override
    public String spec() {
      return "skip-if-later-than:" + grace;
    }
  }
}
