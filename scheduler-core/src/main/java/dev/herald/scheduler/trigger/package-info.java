/**
 * When jobs fire: {@link dev.herald.scheduler.trigger.Trigger} and the built-in triggers in {@link
 * dev.herald.scheduler.trigger.Triggers} (cron with a time zone, fixed intervals with an offset,
 * daily at a local time, once), and the {@link dev.herald.scheduler.trigger.MisfirePolicy} that says
 * what happens to fire times missed while no scheduler ran.
 */
package dev.herald.scheduler.trigger;
