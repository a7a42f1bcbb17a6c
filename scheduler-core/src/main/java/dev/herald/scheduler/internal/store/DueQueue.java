package dev.herald.scheduler.internal.store;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The SCHEDULED rows of {@link InMemoryJobStore}, indexed so that a claim costs
 * O(batch &middot; log n) however many rows wait: per job type, every row in time order
 * ({@code nextRunAt}, id), and the rows due by that type's <em>watermark</em> (a past claim time)
 * also in claim order (priority descending, {@code nextRunAt}, id). Before a read at {@code now}
 * a type's watermark moves to {@code now}, moving the rows that fell due in between into the
 * claim order (or, should the clock step back, out of it), so each row moves about once; a claim
 * then takes the head of the claim order of each of its types.
 *
 * <p>A row's {@code nextRunAt} must not change while it is held: remove the row, change it, add it
 * again. Not threadsafe: the store calls it under its lock.
 */
final class DueQueue {
  /** The order claims take due rows in, as the JDBC store's {@code ORDER BY}. */
  static final Comparator<JobRow> CLAIM_ORDER = DueQueue::compareForClaim;
  /** Time order; a {@linkplain JobRow#after probe} sorts after the rows of its time. */
  private static final Comparator<JobRow> TIME_ORDER = DueQueue::compareByTime;

  private final TypedRows byTime = new TypedRows(TIME_ORDER);
  private final TypedRows due = new TypedRows(CLAIM_ORDER);
  /** Per type with rows: its rows with {@code nextRunAt <= watermark} are in {@link #due}. */
  private final Map<String, Instant> watermarks = new HashMap<>();
  private long moved;

  void add(JobRow row) {
    byTime.add(row);
    if (belowWatermark(row)) {
      due.add(row);
    }
  }

  void remove(JobRow row) {
    if (belowWatermark(row)) {
      due.remove(row);
    }
    if (byTime.remove(row)) {
      watermarks.remove(row.type); // its type has no rows left
    }
  }

  private boolean belowWatermark(JobRow row) {
    Instant watermark = watermarks.get(row.type);
    return watermark != null && !row.nextRunAt.isAfter(watermark);
  }

  /**
   * The first {@code limit} rows of {@code types} due at {@code now}, in claim order; still held
   * (the caller removes those it claims).
   */
  List<JobRow> firstDue(Collection<String> types, Instant now, int limit) {
    if (types.size() <= byTime.types().size()) {
      for (String type : types) {
        advance(type, now);
      }
    } else {
      for (String type : byTime.types()) {
        if (types.contains(type)) {
          advance(type, now);
        }
      }
    }
    return due.first(types, limit, r -> true);
  }

  /** The earliest {@code nextRunAt} of a row of {@code types}. */
  Optional<Instant> nextDueAt(Collection<String> types) {
    return byTime.first(types, 1, r -> true).stream().map(r -> r.nextRunAt).findFirst();
  }

  /** How many rows are due at {@code now}, per type that has some. */
  Map<String, Long> dueByType(Instant now) {
    Map<String, Long> counts = new TreeMap<>();
    for (String type : byTime.types()) {
      advance(type, now);
      int n = due.of(type).size();
      if (n > 0) {
        counts.put(type, (long) n);
      }
    }
    return counts;
  }

  /** The earliest {@code nextRunAt} of all rows if it is not after {@code now}. */
  Optional<Instant> oldestDueAt(Instant now) {
    return byTime.first(byTime.types(), 1, r -> !r.nextRunAt.isAfter(now)).stream()
        .map(r -> r.nextRunAt)
        .findFirst();
  }

  /** The first {@code limit} rows of all types by ({@code nextRunAt}, id). */
  List<JobRow> upcoming(int limit) {
    return byTime.first(byTime.types(), limit, r -> true);
  }

  /** Moves the watermark of {@code type} to {@code now}, moving the rows between the two. */
  private void advance(String type, Instant now) {
    NavigableSet<JobRow> rows = byTime.of(type);
    if (rows.isEmpty()) {
      return;
    }
    Instant watermark = watermarks.get(type);
    if (watermark == null) {
      for (JobRow row : rows) {
        if (row.nextRunAt.isAfter(now)) {
          break;
        }
        due.add(row);
        moved++;
      }
    } else if (now.isAfter(watermark)) {
      for (JobRow row : rows.tailSet(JobRow.after(watermark), false)) {
        if (row.nextRunAt.isAfter(now)) {
          break;
        }
        due.add(row);
        moved++;
      }
    } else if (now.isBefore(watermark)) {
      for (JobRow row : rows.tailSet(JobRow.after(now), false)) {
        if (row.nextRunAt.isAfter(watermark)) {
          break;
        }
        due.remove(row);
        moved++;
      }
    }
    watermarks.put(type, now);
  }

  // the orders are written out: they run a few times per claim and per completion, for every row

  private static int compareForClaim(JobRow a, JobRow b) {
    int byPriority = Integer.compare(b.priority, a.priority);
    if (byPriority != 0) {
      return byPriority;
    }
    int byTime = a.nextRunAt.compareTo(b.nextRunAt);
    return byTime != 0 ? byTime : a.id.compareTo(b.id);
  }

  private static int compareByTime(JobRow a, JobRow b) {
    int byTime = a.nextRunAt.compareTo(b.nextRunAt);
    if (byTime != 0) {
      return byTime;
    }
    if (a.id == null || b.id == null) {
      return a.id == null ? (b.id == null ? 0 : 1) : -1; // a probe sorts last
    }
    return a.id.compareTo(b.id);
  }

  /**
   * How many rows this queue has read or moved so far: a measure of its work for tests, which
   * grows with the rows claimed and the rows that fell due, not with the rows waiting.
   */
  long examined() {
    return byTime.examined() + due.examined() + moved;
  }
}
