/**
 * Herald's public API: build a {@link dev.herald.scheduler.Scheduler} with {@link
 * dev.herald.scheduler.Scheduler#builder()}, register {@link dev.herald.scheduler.Job}s by type,
 * and schedule and administer them through a {@link dev.herald.scheduler.SchedulerClient}.
 */
package dev.herald.scheduler;
