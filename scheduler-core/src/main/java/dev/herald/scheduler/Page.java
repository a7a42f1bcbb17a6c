package dev.herald.scheduler;

import dev.herald.scheduler.internal.Preconditions;
import java.util.List;

/**
 * One page of a listing.
 *
 * <p>Instances are immutable and threadsafe.
 *
 * @param items the items on this page
 * @param offset the index of the first item in the whole listing
 * @param hasMore whether items follow this page
 * @param <T> the item type
 */
public record Page<T>(List<T> items, int offset, boolean hasMore) {
  public Page {
    items = List.copyOf(Preconditions.notNull(items, "items"));
    Preconditions.atLeast(offset, 0, "offset");
  }

  /** The offset of the next page; meaningful when {@link #hasMore()}. */
  public int nextOffset() {
    return offset + items.size();
  }

  /**
   * The page of {@code all} starting at {@code offset} with at most {@code limit} items.
   */
  public static <T> Page<T> of(List<T> all, int offset, int limit) {
    int from = Math.min(offset, all.size());
    int to = (int) Math.min((long) from + limit, all.size());
    return new Page<>(all.subList(from, to), offset, to < all.size());
  }
}
