package dev.herald.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.scheduler.retry.RetryPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The sample of docs/retries.md, checked. */
class RetriesGuideTest {

  @Test
  void aPolicyRetriesOnlyTheListedFailuresWithCappedBackoff() {
    // tag::retry-policy[]
    RetryPolicy policy = RetryPolicy.builder()
        .maxAttempts(5)                                               // per fire time, 1st included
        .backoff(Duration.ofSeconds(10), Duration.ofMinutes(10), 2.0) // initial, cap, multiplier
        .jitter(0.2)                                                  // ±20%
        .retryOn(IOException.class, UncheckedIOException.class)       // only these (default: all)
        .abortOn(IllegalArgumentException.class)                      // never these
        .build();
    // end::retry-policy[]

    assertThat(policy.shouldRetry(1, new SocketTimeoutException("slow"))).isTrue();
    assertThat(policy.shouldRetry(5, new SocketTimeoutException("slow"))).as("attempts").isFalse();
    assertThat(policy.isRetryable(new IllegalArgumentException("bad input"))).isFalse();
    assertThat(policy.isRetryable(new IllegalStateException("not listed"))).isFalse();
    assertThat(policy.baseDelay(1)).isEqualTo(Duration.ofSeconds(10));
    assertThat(policy.baseDelay(4)).isEqualTo(Duration.ofSeconds(80));
    assertThat(policy.baseDelay(9)).isEqualTo(Duration.ofMinutes(10));
  }
}
