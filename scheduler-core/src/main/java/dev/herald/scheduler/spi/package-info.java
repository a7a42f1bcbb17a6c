/**
 * Service provider interfaces: implement these to plug infrastructure into Herald. {@link
 * dev.herald.scheduler.spi.JobStore} persists jobs (in memory here, JDBC in {@code
 * scheduler-jdbc}), {@link dev.herald.scheduler.spi.Lock} gives "one node only" mutual exclusion,
 * {@link dev.herald.scheduler.spi.PayloadCodec} turns payloads into text and back.
 *
 * <p>Every implementation must pass the contract test suite shipped in {@code scheduler-core}'s
 * test-jar ({@code dev.herald.scheduler.contract}).
 */
package dev.herald.scheduler.spi;
