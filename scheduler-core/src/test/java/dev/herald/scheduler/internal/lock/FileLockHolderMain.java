package dev.herald.scheduler.internal.lock;

import dev.herald.scheduler.spi.Lock;
import dev.herald.scheduler.spi.LockLease;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Run in a child JVM by {@link FileLockTest}: acquires the file lock {@code args[1]} in directory
 * {@code args[0]}, prints {@code ACQUIRED <token>} (or {@code BUSY}), then holds the lock until
 * standard input ends or the process is killed.
 */
public final class FileLockHolderMain {
  private FileLockHolderMain() {}

  public static void main(String[] args) throws IOException {
    Optional<LockLease> lease =
        Lock.file(Path.of(args[0])).tryAcquire(args[1], Duration.ofMinutes(1));
    if (lease.isEmpty()) {
      System.out.println("BUSY");
      return;
    }
    try (LockLease held = lease.get()) {
      System.out.println("ACQUIRED " + held.fencingToken());
      System.in.transferTo(OutputStream.nullOutputStream());
    }
  }
}
