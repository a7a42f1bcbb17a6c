package dev.herald.scheduler.internal.client;

import dev.herald.scheduler.Page;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators.AbstractSpliterator;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The spliterator behind a stream over a paged listing: it fetches the next page only when the
 * items of the current one are used up. Not threadsafe; a sequential stream uses it from one thread
 * at a time.
 *
 * @param <Q> the query type
 * @param <T> the item type
 */
public final class PagedSpliterator<Q, T> extends AbstractSpliterator<T> {
  private final Function<Q, Page<T>> fetch;
  private final BiFunction<Q, Page<T>, Q> next;
  private Q query;
  private Iterator<T> items;
  private Page<T> page;

  private PagedSpliterator(Q first, Function<Q, Page<T>> fetch, BiFunction<Q, Page<T>, Q> next) {
    super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
    this.query = first;
    this.fetch = fetch;
    this.next = next;
  }

  /**
   * The items of every page from {@code first} on.
   *
   * @param fetch reads one page
   * @param next the query for the page after a page
   */
  public static <Q, T> Stream<T> stream(
      Q first, Function<Q, Page<T>> fetch, BiFunction<Q, Page<T>, Q> next) {
    return StreamSupport.stream(
        () -> new PagedSpliterator<>(first, fetch, next), ORDERED | NONNULL, false);
  }

  @Override
  public boolean tryAdvance(Consumer<? super T> action) {
    while (items == null || !items.hasNext()) {
      if (page != null) {
        // an empty page that claims more would loop for ever: stop there
        if (!page.hasMore() || page.items().isEmpty()) {
          return false;
        }
        query = next.apply(query, page);
      }
      page = fetch.apply(query);
      items = page.iterator();
    }
    action.accept(items.next());
    return true;
  }
}
