package dev.herald.scheduler.internal.lock;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.herald.scheduler.contract.LockContract;
import dev.herald.scheduler.spi.Lock;
import dev.herald.scheduler.spi.LockLease;
import dev.herald.scheduler.testing.ManualClock;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileLockTest extends LockContract {
  private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

  @TempDir Path directory;
  private final ManualClock clock = ManualClock.at("2026-03-29T00:00:00Z");

  @Override
  protected Lock newLock() {
    return new FileLock(directory, clock);
  }

  @Override
  protected Lock sameStoreLock() {
    return new FileLock(directory, clock);
  }

  @Override
  protected void elapse(Duration duration) {
    clock.advance(duration);
  }

  @Test
  void keepsTheTokenInTheLockFileAcrossInstances() throws Exception {
    long first;
    try (LockLease lease = newLock().tryAcquire("report", TEN_SECONDS).orElseThrow()) {
      first = lease.fencingToken();
    }
    Path file = directory.resolve("report.lock");
    assertThat(Files.readString(file, US_ASCII).strip()).isEqualTo(Long.toString(first));

    try (LockLease lease =
        new FileLock(directory, clock).tryAcquire("report", TEN_SECONDS).orElseThrow()) {
      assertThat(lease.fencingToken()).isGreaterThan(first);
    }
    assertThat(file).exists();
  }

  @Test
  void createsTheDirectory() {
    Path nested = directory.resolve("a").resolve("b");

    LockLease lease = new FileLock(nested, clock).tryAcquire("report", TEN_SECONDS).orElseThrow();

    assertThat(nested.resolve("report.lock")).isRegularFile();
    lease.release();
  }

  @Test
  void reportsTheTtlInExpiresAtWithoutExpiring() {
    LockLease lease = newLock().tryAcquire("report", TEN_SECONDS).orElseThrow();
    assertThat(lease.expiresAt()).isEqualTo(Instant.parse("2026-03-29T00:00:10Z"));

    clock.advance(Duration.ofSeconds(4));
    assertThat(lease.renew(TEN_SECONDS)).isTrue();
    assertThat(lease.expiresAt()).isEqualTo(Instant.parse("2026-03-29T00:00:14Z"));
    lease.release();
  }

  @Test
  void namesDifferingOnlyInCaseExcludeEachOtherWithinTheJvm() {
    Lock lock = newLock();
    LockLease lease = lock.tryAcquire("Report", TEN_SECONDS).orElseThrow();

    assertThat(lock.tryAcquire("report", TEN_SECONDS)).isEmpty();
    lease.release();
  }

  @ParameterizedTest
  @ValueSource(strings = {"../escape", "a/b", "a\\b", ".hidden", "-flag", "a b", "nul\0"})
  void rejectsNamesThatAreNotSafeFileNames(String name) {
    assertThatThrownBy(() -> newLock().tryAcquire(name, TEN_SECONDS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("name")
        .hasMessageContaining("'" + name + "'");
  }

  @Test
  void rejectsACorruptLockFileWithoutHoldingTheLock() throws Exception {
    Files.writeString(directory.resolve("report.lock"), "garbage");
    Lock lock = newLock();

    assertThatThrownBy(() -> lock.tryAcquire("report", TEN_SECONDS))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("report.lock")
        .hasMessageContaining("'garbage'");
    Files.writeString(directory.resolve("report.lock"), "41\n");
    try (LockLease lease = lock.tryAcquire("report", TEN_SECONDS).orElseThrow()) {
      assertThat(lease.fencingToken()).isEqualTo(42);
    }
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void anotherProcessHoldsTheLockUntilItIsKilled() throws Exception {
    Lock lock = newLock();
    long before;
    try (LockLease lease = lock.tryAcquire("report", TEN_SECONDS).orElseThrow()) {
      before = lease.fencingToken();
    }
    Process child = startHolder("report");
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), US_ASCII))) {
      long childToken = awaitAcquired(out);
      assertThat(childToken).isGreaterThan(before);
      assertThat(lock.tryAcquire("report", TEN_SECONDS)).isEmpty();

      child.destroyForcibly();
      assertThat(child.waitFor(1, TimeUnit.MINUTES)).isTrue();

      // The OS releases the lock when the process ends; some systems do so asynchronously.
      Optional<LockLease> lease =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(() -> lock.tryAcquire("report", TEN_SECONDS), Optional::isPresent);
      try (LockLease held = lease.orElseThrow()) {
        assertThat(held.fencingToken()).isGreaterThan(childToken);
      }
    } finally {
      child.destroyForcibly();
    }
  }

  private Process startHolder(String name) throws Exception {
    String classPath =
        String.join(
            File.pathSeparator,
            System.getProperty("jdk.module.path", ""),
            System.getProperty("java.class.path", ""));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(classPath);
    command.add(FileLockHolderMain.class.getName());
    command.add(directory.toString());
    command.add(name);
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  /** Reads the child's output until it reports its token; fails with the output if it does not. */
  private static long awaitAcquired(BufferedReader out) throws Exception {
    StringBuilder output = new StringBuilder();
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith("ACQUIRED ")) {
        return Long.parseLong(line.substring("ACQUIRED ".length()));
      }
      output.append(line).append('\n');
    }
    throw new AssertionError("the child JVM did not acquire the lock:\n" + output);
  }
}
