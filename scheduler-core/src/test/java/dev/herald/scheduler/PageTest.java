package dev.herald.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A page is iterable and streamable; a query's page size is explicit. */
class PageTest {

  @Test
  void aPageIsIterableAndStreamableInOrder() {
    Page<String> page = new Page<>(List.of("a", "b", "c"), 10, true);

    List<String> iterated = new ArrayList<>();
    for (String item : page) {
      iterated.add(item);
    }

    assertThat(iterated).containsExactly("a", "b", "c");
    assertThat(page.stream().map(String::toUpperCase)).containsExactly("A", "B", "C");
    assertThat(page.nextOffset()).isEqualTo(13);
  }

  @Test
  void aPageCannotBeChangedThroughItsIterator() {
    Page<String> page = new Page<>(new ArrayList<>(List.of("a")), 0, false);

    assertThatThrownBy(() -> page.iterator().remove())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void allIsTheFirstPageOfTheDefaultSizeAndTheLimitIsBounded() {
    assertThat(JobQuery.all().limit()).isEqualTo(JobQuery.DEFAULT_LIMIT).isEqualTo(100);
    assertThat(JobQuery.all().offset()).isZero();
    assertThat(JobQuery.builder().limit(JobQuery.MAX_LIMIT).build().limit()).isEqualTo(1000);
    assertThatThrownBy(() -> JobQuery.builder().limit(1001))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("limit must be between 1 and 1000, was 1001");
  }
}
