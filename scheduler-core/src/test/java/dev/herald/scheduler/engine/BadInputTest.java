package dev.herald.scheduler.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.herald.scheduler.JobAttempt;
import dev.herald.scheduler.JobRequest;
import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.SchedulerListener;
import dev.herald.scheduler.spi.JobStore;
import dev.herald.scheduler.spi.PayloadCodec;
import dev.herald.scheduler.testing.ManualClock;
import dev.herald.scheduler.testing.TestScheduler;
import dev.herald.scheduler.trigger.Triggers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Bad input gets a clear error naming the field and the value, and nothing is dropped silently. */
class BadInputTest {
  private final ManualClock clock = ManualClock.at("2026-11-23T08:00:00Z");

  @Test
  void malformedCronIsRejectedNamingTheExpression() {
    assertThatThrownBy(() -> JobRequest.builder("job").trigger("cron:61 * * * *"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"61 * * * *\"")
        .hasMessageContaining("minute field");
  }

  @Test
  void zeroOrNegativeIntervalIsRejectedNamingTheValue() {
    assertThatThrownBy(() -> Triggers.every(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("interval").hasMessageContaining("PT0S");
    assertThatThrownBy(() -> Triggers.every(Duration.ofMinutes(-5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("interval").hasMessageContaining("PT-5M");
  }

  @Test
  void unknownTriggerSpecListsTheFormsThatWouldParse() {
    assertThatThrownBy(() -> JobRequest.builder("job").trigger("every tuesday"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'every tuesday'")
        .hasMessageContaining("cron:")
        .hasMessageContaining("daily:")
        .hasMessageContaining("once:")
        .hasMessageContaining("5m");
  }

  record Order(String id, int quantity) {}

  @Test
  void payloadThatFailsToDecodeFailsThatJobWithTheReasonWhileOthersRun() {
    List<Order> handled = new CopyOnWriteArrayList<>();
    PayloadCodec strictCodec = new PayloadCodec() {
      @Override
      public String encode(Object value) {
        Order o = (Order) value;
        return o.id() + ";" + o.quantity();
      }

      @Override
      public <T> T decode(String text, Class<T> type) {
        String[] parts = text.split(";");
        return type.cast(new Order(parts[0], Integer.parseInt(parts[1])));
      }

      @Override
      public String name() {
        return "orders";
      }
    };
    JobStore store = JobStore.inMemory(clock);
    try (TestScheduler scheduler = TestScheduler.create(Scheduler.builder().clock(clock)
        .store(store).codec(strictCodec)
        .register("order", ctx -> handled.add(ctx.payload(Order.class))))) {
      String good = scheduler.client().schedule(
          JobRequest.builder("order").payload(new Order("a", 2)).build()).id();
      String corrupt = store.insert(new dev.herald.scheduler.spi.NewJob("corrupt-1", "order",
          "b;two", "once:2026-11-23T08:00:00Z", 0, "coalesce", null, clock.now(),
          JobStatus.SCHEDULED)).job().id();

      List<JobAttempt> attempts = scheduler.runDue();

      assertThat(handled).containsExactly(new Order("a", 2));
      assertThat(scheduler.client().get(good).orElseThrow().status())
          .isEqualTo(JobStatus.COMPLETED);
      JobSnapshot failed = scheduler.client().get(corrupt).orElseThrow();
      assertThat(failed.status()).as("not retried: the same bytes will not decode better")
          .isEqualTo(JobStatus.FAILED);
      assertThat(failed.lastError().orElseThrow())
          .contains("payload of job corrupt-1 cannot be decoded as")
          .contains("Order")
          .contains("For input string: \"two\"");
      assertThat(attempts).hasSize(2);
    }
  }

  @Test
  void jobOfATypeNoNodeKnowsIsLeftUntouchedAndReported() {
    List<Map<String, Long>> reports = new CopyOnWriteArrayList<>();
    JobStore store = JobStore.inMemory();
    Scheduler scheduler = Scheduler.builder().store(store)
        .register("known", RecordingJob.succeeding())
        .sweepInterval(Duration.ofMillis(50))
        .listener(new SchedulerListener() {
          @Override
          public void onUnknownJobTypes(Map<String, Long> dueByType) {
            reports.add(dueByType);
          }
        })
        .build();
    try (scheduler) {
      JobSnapshot unknown = scheduler.client().schedule(JobRequest.now("legacy-report"));
      JobSnapshot known = scheduler.client().schedule(JobRequest.now("known"));
      scheduler.start();

      await().atMost(Duration.ofSeconds(10)).until(() -> !reports.isEmpty()
          && scheduler.client().get(known.id()).orElseThrow().status() == JobStatus.COMPLETED);
      assertThat(reports.get(0)).isEqualTo(Map.of("legacy-report", 1L));
      JobSnapshot after = scheduler.client().get(unknown.id()).orElseThrow();
      assertThat(after.status()).isEqualTo(JobStatus.SCHEDULED);
      assertThat(after.attempt()).isZero();
      assertThat(after.fencingToken()).as("never claimed").isZero();
    }
  }
}
