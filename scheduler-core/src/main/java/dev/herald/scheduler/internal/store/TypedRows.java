package dev.herald.scheduler.internal.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Rows of {@link InMemoryJobStore} kept sorted in one order, one sorted set per job type, so that a
 * read restricted to some types never looks at rows of the others (a node leaves the rows of types
 * it does not know alone, however many there are). {@link #first} merges the heads of the chosen
 * types' sets, reading about as many rows as it returns.
 *
 * <p>The fields the order compares must not change while a row is held: remove the row, change it,
 * add it again. Not threadsafe: the store calls it under its lock.
 */
final class TypedRows {
  private record Head(JobRow row, Iterator<JobRow> rest) {}

  private final Comparator<JobRow> order;
  private final Map<String, TreeSet<JobRow>> byType = new HashMap<>();
  private long examined;

  TypedRows(Comparator<JobRow> order) {
    this.order = order;
  }

  void add(JobRow row) {
    TreeSet<JobRow> rows = byType.get(row.type);
    if (rows == null) {
      rows = new TreeSet<>(order);
      byType.put(row.type, rows);
    }
    rows.add(row);
  }

  /** Removes {@code row}; returns whether that left its type without rows. */
  boolean remove(JobRow row) {
    TreeSet<JobRow> rows = byType.get(row.type);
    if (rows != null && rows.remove(row) && rows.isEmpty()) {
      byType.remove(row.type);
      return true;
    }
    return false;
  }

  /** The rows of {@code type} in order, empty if there are none; a view, not to be changed. */
  NavigableSet<JobRow> of(String type) {
    TreeSet<JobRow> rows = byType.get(type);
    return rows == null ? Collections.emptyNavigableSet() : Collections.unmodifiableNavigableSet(rows);
  }

  /** The types that have rows; a view, not to be changed. */
  Set<String> types() {
    return Collections.unmodifiableSet(byType.keySet());
  }

  /**
   * The first {@code limit} rows of {@code types} in order, stopping at the first unwanted row of
   * each type: {@code wanted} must hold for a prefix of each type's rows (such as "due by now" on
   * a time order). Reads at most {@code limit} rows plus one per other type.
   */
  List<JobRow> first(Collection<String> types, int limit, Predicate<JobRow> wanted) {
    if (limit <= 0) {
      return List.of();
    }
    PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing(Head::row, order));
    if (types.size() <= byType.size()) {
      for (String type : types) {
        offer(heads, byType.get(type), wanted);
      }
    } else {
      for (Map.Entry<String, TreeSet<JobRow>> e : byType.entrySet()) {
        if (types.contains(e.getKey())) {
          offer(heads, e.getValue(), wanted);
        }
      }
    }
    List<JobRow> found = new ArrayList<>(Math.min(limit, 64));
    while (found.size() < limit && !heads.isEmpty()) {
      Head head = heads.poll();
      found.add(head.row());
      if (found.size() < limit && head.rest().hasNext()) {
        JobRow next = head.rest().next();
        examined++;
        if (wanted.test(next)) {
          heads.add(new Head(next, head.rest()));
        }
      }
    }
    return found;
  }

  private void offer(PriorityQueue<Head> heads, TreeSet<JobRow> rows, Predicate<JobRow> wanted) {
    if (rows == null) {
      return;
    }
    Iterator<JobRow> it = rows.iterator();
    JobRow row = it.next();
    examined++;
    if (wanted.test(row)) {
      heads.add(new Head(row, it));
    }
  }

  /** How many rows {@link #first} has read so far: a measure of its work, for tests. */
  long examined() {
    return examined;
  }
}
