/**
 * Test support for host applications: a {@link dev.herald.scheduler.testing.ManualClock} and a
 * {@link dev.herald.scheduler.testing.TestScheduler} that runs due jobs deterministically in the
 * calling thread, so tests of your own jobs never sleep.
 */
package dev.herald.scheduler.testing;
