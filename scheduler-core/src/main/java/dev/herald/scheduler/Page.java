package dev.herald.scheduler;

import dev.herald.scheduler.internal.Preconditions;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One page of a listing: at most the query's limit of items, starting at {@link #offset()}, and
 * whether more follow. Iterate it directly ({@code for (JobSnapshot job : page)}); to walk a whole
 * listing without paging by hand, use {@link SchedulerClient#stream(JobQuery)}.
 *
 * <p>Instances are immutable and threadsafe.
 *
 * @param items the items on this page
 * @param offset the index of the first item in the whole listing
 * @param hasMore whether items follow this page
 * @param <T> the item type
 */
public record Page<T>(List<T> items, int offset, boolean hasMore) implements Iterable<T> {

  /**
   * @param items the items on this page
   * @param offset the index of the first item in the whole listing, 0 or more
   * @param hasMore whether items follow this page
   * @throws NullPointerException if {@code items} is null or holds a null
   * @throws IllegalArgumentException if {@code offset} is negative
   */
  public Page {
    items = List.copyOf(Preconditions.notNull(items, "items"));
    Preconditions.atLeast(offset, 0, "offset");
  }

  /** The items on this page, in order; the iterator does not support removal. */
  @Override
  public Iterator<T> iterator() {
    return items.iterator();
  }

  /**
   * The items on this page, in order.
   *
   * @return a sequential stream of the items
   */
  public Stream<T> stream() {
    return items.stream();
  }

  /**
   * The offset of the next page; meaningful when {@link #hasMore()}.
   *
   * @return the offset of the first item after this page
   */
  public int nextOffset() {
    return offset + items.size();
  }

  /**
   * The page of {@code all} starting at {@code offset} with at most {@code limit} items.
   *
   * @param <T> the item type
   * @param all the whole listing
   * @param offset the index of the page's first item, 0 or more
   * @param limit the largest number of items on the page, 1 or more
   * @return the page, empty if {@code offset} is past the end
   */
  public static <T> Page<T> of(List<T> all, int offset, int limit) {
    int from = Math.min(offset, all.size());
    int to = (int) Math.min((long) from + limit, all.size());
    return new Page<>(all.subList(from, to), offset, to < all.size());
  }
}
