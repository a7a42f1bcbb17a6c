package dev.herald.benchmarks.herald;

import dev.herald.benchmarks.db.Db;
import dev.herald.benchmarks.report.Samples;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How long one {@code JobStore.claimDue} of {@value HeraldEngine#THREADS} jobs (a node's poller
 * with all workers free) takes as the table grows: with a growing number of jobs due in the future,
 * and with a growing number of jobs due now. Rows are added in bulk; claims go through Herald's
 * public {@code JobStore} API, timed one by one after a few warm-up claims.
 */
public final class ClaimLatency {
  private static final int BATCH = HeraldEngine.THREADS;
  private static final int WARM_UP = 3;
  private static final int MIN_SAMPLES = 3;

  private final Path workDir;
  private final int samples;
  private final Duration timeBox;

  /**
   * Probes taking up to {@code samples} timed claims per level, for at most {@code timeBox} (and
   * at least {@value #MIN_SAMPLES} claims), with H2 files in {@code workDir}.
   */
  public ClaimLatency(Path workDir, int samples, Duration timeBox) {
    this.workDir = workDir;
    this.samples = samples;
    this.timeBox = timeBox;
  }

  /**
   * The median claim time with each number of pending future jobs in {@code futureLevels}
   * (ascending; each level adds to the table of the previous one), plus a few due jobs to claim.
   *
   * @param db the database, or null for the in-memory store
   * @return the median claim, by level
   */
  public Map<Long, Duration> withFuture(Db db, List<Long> futureLevels) {
    Map<Long, Duration> medians = new LinkedHashMap<>();
    try (HeraldBacklog backlog = backlog(db)) {
      long pending = 0;
      for (long level : futureLevels) {
        backlog.fill(level - pending, Instant.now().plus(Duration.ofDays(1)));
        pending = level;
        backlog.fill((long) (WARM_UP + samples) * BATCH);
        medians.put(level, time(backlog).median());
      }
    }
    return medians;
  }

  /**
   * The median claim time with each number of due jobs in {@code dueLevels} (ascending; each level
   * adds to the table of the previous one).
   *
   * @param db the database, or null for the in-memory store
   * @return the median claim, by level
   */
  public Map<Long, Duration> withDue(Db db, List<Long> dueLevels) {
    Map<Long, Duration> medians = new LinkedHashMap<>();
    try (HeraldBacklog backlog = backlog(db)) {
      long due = 0;
      for (long level : dueLevels) {
        backlog.fill(level - due);
        due = level;
        Timing timing = time(backlog);
        medians.put(level, timing.median());
        due -= (long) timing.claims() * BATCH;
      }
    }
    return medians;
  }

  private HeraldBacklog backlog(Db db) {
    return db == null ? HeraldBacklog.inMemory() : HeraldBacklog.on(db, workDir);
  }

  /** The median of the timed claims, and how many claims were made (warm-up included). */
  private record Timing(Duration median, int claims) {}

  private Timing time(HeraldBacklog backlog) {
    for (int i = 0; i < WARM_UP; i++) {
      backlog.claim(BATCH);
    }
    List<Long> nanos = new ArrayList<>(samples);
    long deadline = System.nanoTime() + timeBox.toNanos();
    for (int i = 0; i < samples && (i < MIN_SAMPLES || System.nanoTime() < deadline); i++) {
      long start = System.nanoTime();
      int claimed = backlog.claim(BATCH);
      nanos.add(System.nanoTime() - start);
      if (claimed != BATCH) {
        throw new IllegalStateException("a claim took " + claimed + " jobs, expected " + BATCH);
      }
    }
    return new Timing(Duration.ofNanos((long) Samples.of(nanos).median()),
        WARM_UP + nanos.size());
  }
}
