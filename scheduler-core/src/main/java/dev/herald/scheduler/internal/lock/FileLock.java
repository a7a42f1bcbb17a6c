package dev.herald.scheduler.internal.lock;

import static dev.herald.scheduler.internal.Preconditions.checkArgument;
import static dev.herald.scheduler.internal.Preconditions.notBlank;
import static dev.herald.scheduler.internal.Preconditions.notNull;
import static dev.herald.scheduler.internal.Preconditions.positive;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import dev.herald.scheduler.spi.Lock;
import dev.herald.scheduler.spi.LockLease;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A {@link Lock} shared by all processes on one machine: the lock named {@code n} is an exclusive
 * operating-system lock on the file {@code <directory>/n.lock}.
 *
 * <p>The operating system releases the lock when the holding process dies, however it dies, so a
 * lease does not expire while it is held: {@link #leasesExpire()} is false, {@link
 * LockLease#isValid()} stays true until the lease is released, and {@link LockLease#expiresAt()}
 * only reports the last TTL asked for. Lock files are never deleted, because deleting a lock file
 * races with other processes opening it.
 *
 * <p>The fencing token is kept in the lock file as ASCII decimal text. Each acquisition reads it
 * under the operating-system lock, increments it, writes it back and forces it to the device, so
 * tokens keep increasing across processes and restarts.
 *
 * <p>A JVM holds an operating-system lock on behalf of the whole process, and closing any channel
 * to a file may release every lock the process holds on it. So this class keeps a JVM-wide registry
 * of the lock files it holds and never opens a held file a second time: another acquisition of a
 * held name in the same JVM, through any instance, returns empty without touching the file. Within
 * one JVM, names that differ only in case exclude each other, since they may denote the same file
 * on a case-insensitive file system.
 *
 * <p>This class is threadsafe.
 */
public final class FileLock implements Lock {
  private static final int MAX_NAME_LENGTH = 200;
  private static final Pattern SAFE_NAME =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0," + (MAX_NAME_LENGTH - 1) + "}");
  private static final String FILE_SUFFIX = ".lock";
  private static final int MAX_TOKEN_BYTES = 32;

  /** Registry keys (see {@link #registryKey}) of the lock files held by this JVM. */
  private static final Set<Path> HELD_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

  private final Path directory;
  private final InstantSource clock;

  /**
   * @param directory where the lock files live; created if missing
   * @param clock reports {@link LockLease#expiresAt()}
   * @throws UncheckedIOException if the directory cannot be created or resolved
   */
  public FileLock(Path directory, InstantSource clock) {
    notNull(directory, "directory");
    this.clock = notNull(clock, "clock");
    try {
      this.directory = Files.createDirectories(directory).toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create lock directory " + directory, e);
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException also if {@code name} is not 1 to 200 ASCII letters, digits,
   *     '.', '_' or '-' starting with a letter or digit
   * @throws UncheckedIOException if the lock file cannot be opened, read or written
   * @throws IllegalStateException if the lock file holds something other than a fencing token
   */
  @Override
  public Optional<LockLease> tryAcquire(String name, Duration ttl) {
    notBlank(name, "name");
    positive(ttl, "ttl");
    checkArgument(
        SAFE_NAME.matcher(name).matches(),
        "name must be 1 to "
            + MAX_NAME_LENGTH
            + " ASCII letters, digits, '.', '_' or '-' starting with a letter or digit, was '"
            + name
            + "'");
    Path file = directory.resolve(name + FILE_SUFFIX);
    Path key = registryKey(name);
    if (!HELD_IN_THIS_JVM.add(key)) {
      return Optional.empty();
    }
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, CREATE, READ, WRITE);
      java.nio.channels.FileLock osLock = channel.tryLock();
      if (osLock == null) {
        closeAndUnregister(channel, key);
        return Optional.empty();
      }
      long token = Math.addExact(readToken(channel, file), 1);
      writeToken(channel, token);
      return Optional.of(new Lease(name, token, key, channel, osLock, clock.instant().plus(ttl)));
    } catch (IOException e) {
      throw abandon(channel, key, new UncheckedIOException("cannot acquire lock file " + file, e));
    } catch (RuntimeException e) {
      throw abandon(channel, key, e);
    }
  }

  @Override
  public boolean leasesExpire() {
    return false;
  }

  @Override
  public String toString() {
    return "FileLock[directory=" + directory + "]";
  }

  private Path registryKey(String name) {
    return directory.resolve(name.toLowerCase(Locale.ROOT) + FILE_SUFFIX);
  }

  /**
   * Closes {@code channel} (which releases its operating-system lock), then forgets {@code key}. In
   * that order, so no other thread of this JVM opens the file while this channel is still open.
   */
  private static void closeAndUnregister(FileChannel channel, Path key) throws IOException {
    try {
      if (channel != null) {
        channel.close();
      }
    } finally {
      HELD_IN_THIS_JVM.remove(key);
    }
  }

  /**
   * Closes {@code channel} and forgets {@code key} after a failed acquisition; returns {@code
   * failure}.
   */
  private static RuntimeException abandon(FileChannel channel, Path key, RuntimeException failure) {
    try {
      closeAndUnregister(channel, key);
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
    return failure;
  }

  /** Reads the token through {@code channel}: opening the file again could drop the lock. */
  private static long readToken(FileChannel channel, Path file) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(MAX_TOKEN_BYTES);
    channel.position(0);
    int read;
    do {
      read = channel.read(buffer);
    } while (read >= 0 && buffer.hasRemaining());
    String text = new String(buffer.array(), 0, buffer.position(), US_ASCII).strip();
    if (text.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          "lock file " + file + " must hold a fencing token, was '" + text + "'", e);
    }
  }

  private static void writeToken(FileChannel channel, long token) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap((token + "\n").getBytes(US_ASCII));
    channel.position(0);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    channel.truncate(buffer.limit());
    channel.force(true);
  }

  private final class Lease implements LockLease {
    private final String name;
    private final long token;
    private final Path key;
    private final FileChannel channel;
    private final java.nio.channels.FileLock osLock;

    /** Guarded by {@code this}. */
    private Instant expiresAt;

    Lease(
        String name,
        long token,
        Path key,
        FileChannel channel,
        java.nio.channels.FileLock osLock,
        Instant expiresAt) {
      this.name = name;
      this.token = token;
      this.key = key;
      this.channel = channel;
      this.osLock = osLock;
      this.expiresAt = expiresAt;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public long fencingToken() {
      return token;
    }

    @Override
    public synchronized Instant expiresAt() {
      return expiresAt;
    }

    @Override
    public synchronized boolean renew(Duration ttl) {
      positive(ttl, "ttl");
      if (!osLock.isValid()) {
        return false;
      }
      expiresAt = clock.instant().plus(ttl);
      return true;
    }

    @Override
    public boolean isValid() {
      return osLock.isValid();
    }

    /**
     * {@inheritDoc}
     *
     * @throws UncheckedIOException if closing the lock file fails; the lease is given up anyway
     */
    @Override
    public synchronized void release() {
      if (!channel.isOpen()) {
        return;
      }
      try {
        closeAndUnregister(channel, key);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot close lock file of lock '" + name + "'", e);
      }
    }

    @Override
    public String toString() {
      return "FileLock.Lease[name=" + name + ", fencingToken=" + token + "]";
    }
  }
}
