/**
 * Herald's core: the scheduling engine, its SPIs, triggers, retry policies, the in-memory store and
 * the test kit.
 */
module dev.herald.scheduler {
  requires transitive org.slf4j;
  requires transitive jakarta.inject;
  requires com.cronutils;
  requires java.net.http; // the webhook notifier
  requires static com.fasterxml.jackson.databind;
  requires static com.fasterxml.jackson.datatype.jsr310;

  exports dev.herald.scheduler;
  exports dev.herald.scheduler.trigger;
  exports dev.herald.scheduler.retry;
  exports dev.herald.scheduler.spi;
  exports dev.herald.scheduler.publish;
  exports dev.herald.scheduler.credentials;
  exports dev.herald.scheduler.testing;

  // publishing stores its payloads as JSON through the (Jackson) payload codec
  opens dev.herald.scheduler.internal.publish to com.fasterxml.jackson.databind;
}
