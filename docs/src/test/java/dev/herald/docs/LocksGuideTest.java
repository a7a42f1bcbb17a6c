package dev.herald.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.scheduler.spi.Lock;
import dev.herald.scheduler.spi.LockLease;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample of docs/locks.md, run. */
class LocksGuideTest {

  private final List<Long> tokensSeen = new ArrayList<>();

  private void refreshTokens(long fencingToken) {
    tokensSeen.add(fencingToken);
  }

  /** The guide's sample: run a task on one process of the machine at a time. */
  void refreshOnOneProcess(Path lockDirectory) {
    // tag::file-lock[]
    Lock lock = Lock.file(lockDirectory);                 // e.g. Path.of("/var/run/myapp")
    Optional<LockLease> lease = lock.tryAcquire("token-refresh", Duration.ofMinutes(1));
    if (lease.isPresent()) {
      try (LockLease held = lease.get()) {
        refreshTokens(held.fencingToken());
        if (!held.renew(Duration.ofMinutes(1))) {
          return; // lost it: stop
        }
      }
    }
    // end::file-lock[]
  }

  @Test
  void eachHolderGetsAGreaterFencingTokenAndAHeldLockIsNotTakenTwice(@TempDir Path dir) {
    refreshOnOneProcess(dir);
    refreshOnOneProcess(dir);

    assertThat(tokensSeen).hasSize(2);
    assertThat(tokensSeen.get(1)).isGreaterThan(tokensSeen.get(0));

    try (LockLease held = Lock.file(dir).tryAcquire("token-refresh", Duration.ofMinutes(1))
        .orElseThrow()) {
      refreshOnOneProcess(dir);
      assertThat(held.isValid()).isTrue();
      assertThat(tokensSeen).as("not run while another holder has the lock").hasSize(2);
    }
  }
}
