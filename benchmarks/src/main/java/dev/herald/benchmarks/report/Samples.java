package dev.herald.benchmarks.report;

import java.util.Arrays;
import java.util.Collection;

/**
 * Measured values and their order statistics: median, percentiles (nearest rank), maximum.
 *
 * <p>Instances are immutable and threadsafe.
 */
public final class Samples {
  private final double[] sorted;

  private Samples(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
    this.sorted = values.clone();
    Arrays.sort(sorted);
  }

  /** The samples {@code values}, at least one. */
  public static Samples of(double... values) {
    return new Samples(values);
  }

  /** The samples {@code values}, at least one. */
  public static Samples of(Collection<? extends Number> values) {
    return new Samples(values.stream().mapToDouble(Number::doubleValue).toArray());
  }

  /** The value below which {@code percent} % of the samples lie (nearest rank). */
  public double percentile(double percent) {
    int rank = (int) Math.ceil(percent / 100 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /** The median, as the 50th percentile. */
  public double median() {
    return percentile(50);
  }

  /** The largest sample. */
  public double max() {
    return sorted[sorted.length - 1];
  }

  /** The number of samples. */
  public int count() {
    return sorted.length;
  }
}
