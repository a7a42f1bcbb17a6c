package dev.herald.scheduler;

import dev.herald.scheduler.internal.Preconditions;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which jobs to list: by status, type and next run time, ordered by next run time (jobs without one
 * last) and then id, in pages of {@link #limit()} jobs ({@value #DEFAULT_LIMIT} unless set).
 *
 * <p>{@link SchedulerClient#list(JobQuery)} returns one page; {@link
 * SchedulerClient#stream(JobQuery)} walks every matching job, fetching a page at a time.
 *
 * <p>Instances are immutable and threadsafe; build them with {@link #builder()}.
 */
public final class JobQuery {
  /** The page size of a query whose builder was not given a {@link Builder#limit(int) limit}. */
  public static final int DEFAULT_LIMIT = 100;

  /** The largest page size. */
  public static final int MAX_LIMIT = 1000;

  private final Set<JobStatus> statuses;
  private final String type;
  private final String idPrefix;
  private final Instant nextRunFrom;
  private final Instant nextRunBefore;
  private final int offset;
  private final int limit;

  private JobQuery(Builder b) {
    this.statuses = b.statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(b.statuses));
    this.type = b.type;
    this.idPrefix = b.idPrefix;
    this.nextRunFrom = b.nextRunFrom;
    this.nextRunBefore = b.nextRunBefore;
    this.offset = b.offset;
    this.limit = b.limit;
  }

  /**
   * A builder for a query matching every job, from the first, in pages of {@value #DEFAULT_LIMIT}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Every job, in pages of {@value #DEFAULT_LIMIT}: {@code client.list(JobQuery.all())} returns the
   * first {@value #DEFAULT_LIMIT} jobs only (see {@link Page#hasMore()}), while {@code
   * client.stream(JobQuery.all())} walks them all.
   *
   * @return a query matching every job, from the first
   */
  public static JobQuery all() {
    return builder().build();
  }

  /**
   * The statuses to match; empty matches all.
   *
   * @return the statuses; empty if any status matches
   */
  public Set<JobStatus> statuses() {
    return statuses;
  }

  /**
   * The type to match, if restricted.
   *
   * @return the type, or empty if any type matches
   */
  public Optional<String> type() {
    return Optional.ofNullable(type);
  }

  /**
   * Only jobs whose id starts with this prefix, if set.
   *
   * @return the id prefix, or empty for no restriction
   */
  public Optional<String> idPrefix() {
    return Optional.ofNullable(idPrefix);
  }

  /**
   * Only jobs whose next run is at or after this instant, if set.
   *
   * @return the inclusive lower bound, or empty for none
   */
  public Optional<Instant> nextRunFrom() {
    return Optional.ofNullable(nextRunFrom);
  }

  /**
   * Only jobs whose next run is before this instant, if set.
   *
   * @return the exclusive upper bound, or empty for none
   */
  public Optional<Instant> nextRunBefore() {
    return Optional.ofNullable(nextRunBefore);
  }

  /**
   * How many matching jobs to skip.
   *
   * @return the offset, 0 or more
   */
  public int offset() {
    return offset;
  }

  /**
   * The page size: the most jobs one {@link SchedulerClient#list(JobQuery) list} call returns, and
   * how many {@link SchedulerClient#stream(JobQuery) stream} fetches at a time.
   *
   * @return the page size, 1 to {@value #MAX_LIMIT}
   */
  public int limit() {
    return limit;
  }

  /**
   * The same query for the page after {@code page}.
   *
   * @param page a page this query returned
   * @return the same filters, from the offset after {@code page}
   */
  public JobQuery next(Page<?> page) {
    Builder b = new Builder();
    b.statuses.addAll(statuses);
    b.type = type;
    b.idPrefix = idPrefix;
    b.nextRunFrom = nextRunFrom;
    b.nextRunBefore = nextRunBefore;
    b.limit = limit;
    b.offset = page.nextOffset();
    return b.build();
  }

  /**
   * Whether {@code job} matches the filters (not the paging).
   *
   * @param job the job to test
   * @return true if the job passes every filter
   */
  public boolean matches(JobSnapshot job) {
    if (!statuses.isEmpty() && !statuses.contains(job.status())) {
      return false;
    }
    if (type != null && !type.equals(job.type())) {
      return false;
    }
    if (idPrefix != null && !job.id().startsWith(idPrefix)) {
      return false;
    }
    Instant next = job.nextRunAt().orElse(null);
    if (nextRunFrom != null && (next == null || next.isBefore(nextRunFrom))) {
      return false;
    }
    return nextRunBefore == null || (next != null && next.isBefore(nextRunBefore));
  }

  @Override
  public String toString() {
    return "JobQuery[statuses=" + statuses + ", type=" + type + ", idPrefix=" + idPrefix
        + ", nextRunFrom=" + nextRunFrom
        + ", nextRunBefore=" + nextRunBefore + ", offset=" + offset + ", limit=" + limit + "]";
  }

  /** Builds a {@link JobQuery}. Not threadsafe. */
  public static final class Builder {
    private final Set<JobStatus> statuses = EnumSet.noneOf(JobStatus.class);
    private String type;
    private String idPrefix;
    private Instant nextRunFrom;
    private Instant nextRunBefore;
    private int offset;
    private int limit = DEFAULT_LIMIT;

    private Builder() {}

    /**
     * Match these statuses (adds to earlier calls).
     *
     * @param statuses the statuses to match
     * @return this builder
     */
    public Builder status(JobStatus... statuses) {
      for (JobStatus s : statuses) {
        this.statuses.add(Preconditions.notNull(s, "status"));
      }
      return this;
    }

    /**
     * Match this type.
     *
     * @param type the job type, or null for any
     * @return this builder
     */
    public Builder type(String type) {
      this.type = Preconditions.notBlank(type, "type");
      return this;
    }

    /**
     * Match jobs whose id starts with {@code prefix} (ids of related jobs share a prefix).
     *
     * @param prefix the id prefix, or null for any id
     * @return this builder
     */
    public Builder idPrefix(String prefix) {
      this.idPrefix = Preconditions.notBlank(prefix, "idPrefix");
      return this;
    }

    /**
     * Match jobs whose next run is in {@code [from, before)}; either bound may be null.
     *
     * @param from the inclusive lower bound, or null for none
     * @param before the exclusive upper bound, or null for none
     * @return this builder
     */
    public Builder nextRunBetween(Instant from, Instant before) {
      this.nextRunFrom = from;
      this.nextRunBefore = before;
      return this;
    }

    /**
     * Skip this many matches.
     *
     * @param offset the number of matches to skip, 0 or more
     * @return this builder
     */
    public Builder offset(int offset) {
      this.offset = Preconditions.atLeast(offset, 0, "offset");
      return this;
    }

    /**
     * The page size, 1 to {@value JobQuery#MAX_LIMIT}; {@value JobQuery#DEFAULT_LIMIT} unless set.
     *
     * @param limit the page size
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder limit(int limit) {
      Preconditions.checkArgument(limit >= 1 && limit <= MAX_LIMIT,
          "limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
      this.limit = limit;
      return this;
    }

    /**
     * Builds the query.
     *
     * @return the immutable query
     */
    public JobQuery build() {
      return new JobQuery(this);
    }
  }
}
