package dev.herald.scheduler.retry;

import dev.herald.scheduler.PayloadDecodingException;
import dev.herald.scheduler.internal.Preconditions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * How a job type's failures are retried: how many attempts, how long to wait between them, and
 * which failures are worth retrying at all.
 *
 * <p>The delay before attempt {@code n + 1}, after attempt {@code n} failed, is {@code d = min(cap,
 * initial × multiplier^(n−1))}, then spread by the jitter factor {@code j}: a uniformly random value
 * in {@code [d × (1 − j), min(cap, d × (1 + j))]}. Jitter keeps many jobs that failed together from
 * retrying together.
 *
 * <p>A failure is retried when attempts remain, it matches no {@code abortOn} predicate, and it
 * matches a {@code retryOn} predicate (if none is given, every failure matches). {@link
 * PayloadDecodingException} is never retried: the same payload will not decode better later. A job
 * may choose the delay itself by throwing {@link RetryAfterException}.
 *
 * <p>Instances are immutable and threadsafe; build them with {@link #builder()}.
 */
public final class RetryPolicy {
  private static final RetryPolicy DEFAULTS = builder().build();
  private static final RetryPolicy NONE = builder().maxAttempts(1).build();

  private final int maxAttempts;
  private final Duration initialDelay;
  private final Duration maxDelay;
  private final double multiplier;
  private final double jitter;
  private final List<Predicate<Throwable>> retryOn;
  private final List<Predicate<Throwable>> abortOn;

  private RetryPolicy(Builder b) {
    this.maxAttempts = b.maxAttempts;
    this.initialDelay = b.initialDelay;
    this.maxDelay = b.maxDelay;
    this.multiplier = b.multiplier;
    this.jitter = b.jitter;
    this.retryOn = List.copyOf(b.retryOn);
    this.abortOn = List.copyOf(b.abortOn);
  }

  /**
   * The defaults: 3 attempts, backoff from 10 seconds doubling up to 10 minutes, 20% jitter, every
   * failure retried.
   *
   * @return the default policy
   */
  public static RetryPolicy ofDefaults() {
    return DEFAULTS;
  }

  /**
   * One attempt, no retries.
   *
   * @return a policy that never retries
   */
  public static RetryPolicy none() {
    return NONE;
  }

  /**
   * A builder starting from the defaults.
   *
   * @return a new builder with the default settings
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder starting from this policy's settings.
   *
   * @return a new builder with this policy's settings, which leaves this policy unchanged
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxAttempts = maxAttempts;
    b.initialDelay = initialDelay;
    b.maxDelay = maxDelay;
    b.multiplier = multiplier;
    b.jitter = jitter;
    b.retryOn.addAll(retryOn);
    b.abortOn.addAll(abortOn);
    return b;
  }

  /**
   * The most attempts per fire time, the first included.
   *
   * @return the attempt limit, 1 or more (1 means no retries)
   */
  public int maxAttempts() {
    return maxAttempts;
  }

  /**
   * The delay after the first failure, before jitter.
   *
   * @return the first delay, positive
   */
  public Duration initialDelay() {
    return initialDelay;
  }

  /**
   * The longest delay.
   *
   * @return the cap on every delay, jitter included; not less than {@link #initialDelay()}
   */
  public Duration maxDelay() {
    return maxDelay;
  }

  /**
   * The growth factor between consecutive delays.
   *
   * @return the multiplier, 1 or more (1 means a fixed delay)
   */
  public double multiplier() {
    return multiplier;
  }

  /**
   * The jitter factor in [0, 1].
   *
   * @return the factor, 0 meaning no jitter and 0.2 meaning ±20%
   */
  public double jitter() {
    return jitter;
  }

  /**
   * Whether {@code failure}, ending attempt {@code attempt}, should be retried.
   *
   * @param attempt the attempt that failed, starting at 1
   * @param failure what the attempt threw
   * @return true if attempts are left and the failure is {@linkplain #isRetryable retryable}
   */
  public boolean shouldRetry(int attempt, Throwable failure) {
    return attempt < maxAttempts && isRetryable(failure);
  }

  /**
   * Whether {@code failure} is of a kind this policy retries, regardless of attempts left.
   *
   * @param failure what the attempt threw
   * @return true if the failure matches a {@code retryOn} rule (or there is none) and no {@code
   *     abortOn} rule
   */
  public boolean isRetryable(Throwable failure) {
    if (failure instanceof PayloadDecodingException) {
      return false;
    }
    for (Predicate<Throwable> p : abortOn) {
      if (p.test(failure)) {
        return false;
      }
    }
    if (retryOn.isEmpty()) {
      return true;
    }
    for (Predicate<Throwable> p : retryOn) {
      if (p.test(failure)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The delay before jitter after attempt {@code attempt} failed: {@code min(cap, initial ×
   * multiplier^(attempt−1))}.
   *
   * @param attempt the attempt that failed, starting at 1
   * @return the delay without jitter, at most {@link #maxDelay()}
   */
  public Duration baseDelay(int attempt) {
    Preconditions.atLeast(attempt, 1, "attempt");
    double nanos = initialDelay.toNanos() * Math.pow(multiplier, attempt - 1);
    return nanos >= maxDelay.toNanos() ? maxDelay : Duration.ofNanos((long) nanos);
  }

  /**
   * The delay after attempt {@code attempt} failed, jitter included.
   *
   * @param attempt the attempt that failed, starting at 1
   * @param random the source of jitter
   * @return the delay, at most {@link #maxDelay()}
   */
  public Duration delayAfter(int attempt, RandomGenerator random) {
    Duration base = baseDelay(attempt);
    if (jitter == 0) {
      return base;
    }
    double factor = 1 - jitter + 2 * jitter * random.nextDouble();
    long nanos = (long) (base.toNanos() * factor);
    return Duration.ofNanos(Math.min(nanos, maxDelay.toNanos()));
  }

  @Override
  public String toString() {
    return "RetryPolicy[maxAttempts=" + maxAttempts + ", backoff=" + initialDelay + "×" + multiplier
        + " up to " + maxDelay + ", jitter=" + jitter
        + (retryOn.isEmpty() ? "" : ", retryOn=" + retryOn.size() + " predicates")
        + (abortOn.isEmpty() ? "" : ", abortOn=" + abortOn.size() + " predicates") + "]";
  }

  /** Builds a {@link RetryPolicy}. Not threadsafe. */
  public static final class Builder {
    private int maxAttempts = 3;
    private Duration initialDelay = Duration.ofSeconds(10);
    private Duration maxDelay = Duration.ofMinutes(10);
    private double multiplier = 2.0;
    private double jitter = 0.2;
    private final List<Predicate<Throwable>> retryOn = new ArrayList<>();
    private final List<Predicate<Throwable>> abortOn = new ArrayList<>();

    private Builder() {}

    /**
     * The most attempts per fire time, the first included; 1 means no retries.
     *
     * @param maxAttempts the attempt limit, 1 or more
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = Preconditions.atLeast(maxAttempts, 1, "maxAttempts");
      return this;
    }

    /**
     * Exponential backoff from {@code initial}, multiplied by {@code multiplier} after each failure,
     * never more than {@code max}.
     *
     * @param initial the delay after the first failure
     * @param max the longest delay
     * @param multiplier the growth factor, 1 or more
     * @return this builder
     * @throws IllegalArgumentException if a delay is not positive, {@code max < initial}, or the
     *     multiplier is below 1
     */
    public Builder backoff(Duration initial, Duration max, double multiplier) {
      Preconditions.positive(initial, "initial delay");
      Preconditions.positive(max, "max delay");
      Preconditions.checkArgument(max.compareTo(initial) >= 0,
          "max delay " + max + " must not be shorter than initial delay " + initial);
      Preconditions.checkArgument(multiplier >= 1.0 && Double.isFinite(multiplier),
          "backoff multiplier must be at least 1, was " + multiplier);
      this.initialDelay = initial;
      this.maxDelay = max;
      this.multiplier = multiplier;
      return this;
    }

    /**
     * Exponential backoff doubling from {@code initial} up to {@code max}.
     *
     * @param initial the delay after the first failure
     * @param max the longest delay
     * @return this builder
     */
    public Builder backoff(Duration initial, Duration max) {
      return backoff(initial, max, 2.0);
    }

    /**
     * The same delay between every attempt.
     *
     * @param delay the delay after each failure, positive
     * @return this builder
     */
    public Builder fixedDelay(Duration delay) {
      return backoff(delay, delay, 1.0);
    }

    /**
     * Spreads each delay uniformly by ±{@code factor} (0.2 = ±20%), never beyond the maximum delay.
     *
     * @param factor the jitter factor, in [0, 1]
     * @return this builder
     * @throws IllegalArgumentException if not in [0, 1]
     */
    public Builder jitter(double factor) {
      Preconditions.checkArgument(factor >= 0 && factor <= 1,
          "jitter factor must be between 0 and 1, was " + factor);
      this.jitter = factor;
      return this;
    }

    /**
     * Retry only failures matching this (or another {@code retryOn}) predicate.
     *
     * @param predicate true for the failures to retry
     * @return this builder
     */
    public Builder retryOn(Predicate<Throwable> predicate) {
      retryOn.add(Preconditions.notNull(predicate, "retryOn predicate"));
      return this;
    }

    /**
     * Retry only failures of these types (or their subtypes).
     *
     * @param types the failure types to retry
     * @return this builder
     */
    @SafeVarargs
    public final Builder retryOn(Class<? extends Throwable>... types) {
      for (Class<? extends Throwable> t : types) {
        Preconditions.notNull(t, "retryOn type");
        retryOn.add(t::isInstance);
      }
      return this;
    }

    /**
     * Never retry failures matching this predicate.
     *
     * @param predicate true for the failures never to retry
     * @return this builder
     */
    public Builder abortOn(Predicate<Throwable> predicate) {
      abortOn.add(Preconditions.notNull(predicate, "abortOn predicate"));
      return this;
    }

    /**
     * Never retry failures of these types (or their subtypes).
     *
     * @param types the failure types never to retry
     * @return this builder
     */
    @SafeVarargs
    public final Builder abortOn(Class<? extends Throwable>... types) {
      for (Class<? extends Throwable> t : types) {
        Preconditions.notNull(t, "abortOn type");
        abortOn.add(t::isInstance);
      }
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return a new, immutable policy with this builder's settings
     */
    public RetryPolicy build() {
      return new RetryPolicy(this);
    }
  }
}
