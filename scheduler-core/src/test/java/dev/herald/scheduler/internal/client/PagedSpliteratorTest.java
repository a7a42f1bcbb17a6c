package dev.herald.scheduler.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.scheduler.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A paged stream reads a page only when the items before it are used up. */
class PagedSpliteratorTest {
  private static final List<Integer> ITEMS = IntStream.range(0, 250).boxed().toList();
  private static final int PAGE_SIZE = 100;

  private final List<Integer> fetchedOffsets = new ArrayList<>();

  private Page<Integer> fetch(int offset) {
    fetchedOffsets.add(offset);
    return Page.of(ITEMS, offset, PAGE_SIZE);
  }

  private Stream<Integer> stream(int firstOffset) {
    return PagedSpliterator.stream(firstOffset, this::fetch, (offset, page) -> page.nextOffset());
  }

  @Test
  void walksEveryPageInOrder() {
    assertThat(stream(0).toList()).isEqualTo(ITEMS);
    assertThat(fetchedOffsets).containsExactly(0, 100, 200);
  }

  @Test
  void startsAtTheFirstQuerysOffset() {
    assertThat(stream(240).toList()).isEqualTo(ITEMS.subList(240, 250));
    assertThat(fetchedOffsets).containsExactly(240);
  }

  @Test
  void readsNothingBeforeATerminalOperationAndNoFurtherThanItNeeds() {
    Stream<Integer> lazy = stream(0).filter(i -> i % 2 == 0);
    assertThat(fetchedOffsets).as("nothing read yet").isEmpty();

    assertThat(lazy.limit(3).toList()).containsExactly(0, 2, 4);
    assertThat(fetchedOffsets).containsExactly(0);

    fetchedOffsets.clear();
    assertThat(stream(0).filter(i -> i >= 150).findFirst()).contains(150);
    assertThat(fetchedOffsets).containsExactly(0, 100);
  }

  @Test
  void anEmptyListingIsOneRead() {
    List<Integer> reads = new ArrayList<>();
    Stream<Integer> empty =
        PagedSpliterator.stream(
            0,
            offset -> {
              reads.add(offset);
              return new Page<Integer>(List.of(), offset, false);
            },
            (offset, page) -> page.nextOffset());

    assertThat(empty.toList()).isEmpty();
    assertThat(reads).containsExactly(0);
  }

  @Test
  void anEmptyPageThatClaimsMoreEndsTheWalkInsteadOfLoopingForEver() {
    List<Integer> reads = new ArrayList<>();
    Stream<Integer> broken =
        PagedSpliterator.stream(
            0,
            offset -> {
              reads.add(offset);
              return offset == 0
                  ? new Page<>(List.of(1, 2), 0, true)
                  : new Page<Integer>(List.of(), offset, true);
            },
            (offset, page) -> page.nextOffset());

    assertThat(broken.toList()).containsExactly(1, 2);
    assertThat(reads).containsExactly(0, 2);
  }
}
