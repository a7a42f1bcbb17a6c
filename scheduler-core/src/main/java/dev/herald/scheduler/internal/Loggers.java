package dev.herald.scheduler.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The logger categories of scheduler-core: public names that docs/logging.md documents, never the
 * names of internal classes, so that hosts can set levels without knowing Herald's packages.
 */
public final class Loggers {

  /**
   * {@code dev.herald.scheduler}: the scheduler's configuration and lifecycle, job runs and their
   * outcomes, misfires, leases lost and recovered, listener failures.
   */
  public static final Logger SCHEDULER = LoggerFactory.getLogger("dev.herald.scheduler");

  /**
   * {@code dev.herald.scheduler.store}: the engine's calls to its job store failing and answering
   * again, whatever the store.
   */
  public static final Logger STORE = LoggerFactory.getLogger("dev.herald.scheduler.store");

  /**
   * {@code dev.herald.publish}: the publishing layer: each post published, replays with the first
   * idempotency key, credentials refreshed after an auth failure, publishers that threw.
   */
  public static final Logger PUBLISH = LoggerFactory.getLogger("dev.herald.publish");

  private Loggers() {}
}
