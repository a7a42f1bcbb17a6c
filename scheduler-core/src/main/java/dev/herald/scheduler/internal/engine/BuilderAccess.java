package dev.herald.scheduler.internal.engine;

import dev.herald.scheduler.SchedulerBuilder;
import java.util.function.Function;

/**
 * Lets the test kit read a {@link SchedulerBuilder}'s configuration without making it public API.
 * The builder registers the accessor when its class initialises.
 */
public final class BuilderAccess {
  private static volatile Function<SchedulerBuilder, SchedulerConfig> accessor;

  private BuilderAccess() {}

  /** Called once by {@link SchedulerBuilder}. */
  public static void register(Function<SchedulerBuilder, SchedulerConfig> configOf) {
    accessor = configOf;
  }

  /**
   * The effective configuration of {@code builder}.
   *
   * @throws IllegalStateException if no job type is registered
   */
  public static SchedulerConfig config(SchedulerBuilder builder) {
    return accessor.apply(builder);
  }
}
