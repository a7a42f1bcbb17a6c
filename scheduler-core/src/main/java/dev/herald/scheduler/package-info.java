/**
 * Herald's public API: build a {@link dev.herald.scheduler.Scheduler} with {@link
 * dev.herald.scheduler.Scheduler#builder()}, register {@link dev.herald.scheduler.Job}s by type,
 * and schedule and administer them through a {@link dev.herald.scheduler.SchedulerClient}.
 *
 * <h2>Values that may be absent</h2>
 *
 * <p>Every value type of every exported Herald package ({@code dev.herald.scheduler.*}, {@code
 * dev.herald.platforms.*}) has exactly one accessor per value, named after the value, and a value
 * that may be absent is returned as an {@link java.util.Optional} from that accessor, as the JDK
 * does in {@link java.lang.ProcessHandle.Info} and {@link java.lang.Runtime.Version}: {@code
 * job.nextRunAt()} is empty once a job is over, {@code target.remoteId()} and {@code target.url()}
 * are empty until a post is live. No accessor returns null, and there are no twins (no {@code
 * url()} next to a {@code link()}). A record declares such a component as {@code Optional<T>}; a
 * type built from many nullable values (such as {@link dev.herald.scheduler.JobSnapshot}) is a
 * final class whose constructor takes them as nullable arguments, so that code building one does
 * not wrap each in {@code Optional.ofNullable}. Builders, factories and other methods take plain
 * values (null where documented); only a record's canonical constructor takes the {@code
 * Optional} it stores. New types follow the same scheme.
 */
package dev.herald.scheduler;
