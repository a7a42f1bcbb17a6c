package dev.herald.scheduler.internal.publish;

import dev.herald.scheduler.JobQuery;
import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.Page;
import dev.herald.scheduler.SchedulerClient;
import dev.herald.scheduler.publish.PostQuery;
import dev.herald.scheduler.publish.PostStatus;
import dev.herald.scheduler.publish.Publishing;
import dev.herald.scheduler.publish.Target;
import dev.herald.scheduler.publish.TargetState;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Lists posts over the job listing, so that it works on every job store as it is: a post is the
 * publish jobs whose ids start with {@code post/<postId>} (one per target and occurrence), and the
 * series job {@code series/<postId>} for a series. The job listing is ordered by next run time, not
 * by post, so finding a page of posts walks every publish job that can match (one listing walk,
 * with the query's post id prefix, job statuses and due window passed down to the store), collects
 * the matching post ids in order, and then reads the status of the page's posts only. Threadsafe
 * (stateless).
 */
public final class PostListing {
  private static final Set<JobStatus> WAITING = Set.of(JobStatus.SCHEDULED, JobStatus.PAUSED);
  private static final Set<TargetState> EITHER_WAITING_STATE =
      Set.of(TargetState.SCHEDULED, TargetState.PUBLISHING);

  private final SchedulerClient client;
  private final Function<String, Optional<PostStatus>> status;

  /**
   * @param status reads a post's status, or empty if the post is gone (purged since its jobs were
   *     listed)
   */
  PostListing(SchedulerClient client, Function<String, Optional<PostStatus>> status) {
    this.client = client;
    this.status = status;
  }

  /**
   * Whether a target in {@code state}, going to {@code target}, due at {@code due} (null when not
   * due), matches every target filter of {@code query}.
   *
   * @param query the filters
   * @param state the target's state
   * @param target the platform and account
   * @param due its next attempt, or null
   * @return whether it matches
   */
  public static boolean matches(PostQuery query, TargetState state, Target target, Instant due) {
    return (query.states().isEmpty() || query.states().contains(state))
        && matchesIgnoringState(query, target, due);
  }

  private static boolean matchesIgnoringState(PostQuery query, Target target, Instant due) {
    if (query.platform().filter(p -> !p.equals(target.platform())).isPresent()
        || query.account().filter(a -> !a.equals(target.account())).isPresent()
        || query.instance().filter(i -> !target.instance().equals(Optional.of(i))).isPresent()) {
      return false;
    }
    Instant from = query.dueFrom().orElse(null);
    Instant before = query.dueBefore().orElse(null);
    if (from != null && (due == null || due.isBefore(from))) {
      return false;
    }
    return before == null || (due != null && due.isBefore(before));
  }

  Page<PostStatus> list(PostQuery query) {
    List<String> ids = matchingPostIds(query);
    int from = Math.min(query.offset(), ids.size());
    int to = (int) Math.min((long) from + query.limit(), ids.size());
    List<PostStatus> items =
        ids.subList(from, to).stream().map(status).flatMap(Optional::stream).toList();
    return new Page<>(items, query.offset(), to < ids.size());
  }

  Stream<PostStatus> stream(PostQuery query) {
    // the ids are found when a terminal operation starts; each status is read as it is reached
    return Stream.of(query)
        .flatMap(q -> matchingPostIds(q).stream().skip(q.offset()))
        .map(status)
        .flatMap(Optional::stream);
  }

  /** The ids of the posts matching {@code query}'s filters, ordered. */
  private List<String> matchingPostIds(PostQuery query) {
    String prefix = query.postIdPrefix().orElse("");
    SortedSet<String> ids = new TreeSet<>();
    JobQuery.Builder publications = JobQuery.builder()
        .type(Publishing.PUBLISH_TYPE)
        .idPrefix(JobIds.publicationsPrefix(prefix))
        .nextRunBetween(query.dueFrom().orElse(null), query.dueBefore().orElse(null))
        .limit(JobQuery.MAX_LIMIT);
    if (!query.states().isEmpty()) {
      Set<JobStatus> statuses = EnumSet.noneOf(JobStatus.class);
      query.states().forEach(s -> statuses.addAll(TargetStatuses.jobStatuses(s)));
      publications.status(statuses.toArray(JobStatus[]::new));
    }
    client.stream(publications.build()).forEach(job -> {
      JobIds.Parsed id = JobIds.parse(job.id());
      if (id.postId().startsWith(prefix)
          && !ids.contains(id.postId())
          && matchesIgnoringState(query, id.target(), job.nextRunAt().orElse(null))
          && (query.states().isEmpty() || query.states().contains(state(query, job)))) {
        ids.add(id.postId());
      }
    });
    if (!filtersTargets(query)) { // a series without occurrences yet has no targets to filter
      JobQuery series = JobQuery.builder()
          .type(Publishing.SERIES_TYPE)
          .idPrefix(JobIds.seriesJobsPrefix(prefix))
          .limit(JobQuery.MAX_LIMIT)
          .build();
      client.stream(series).map(job -> JobIds.seriesPostId(job.id()))
          .filter(postId -> postId.startsWith(prefix))
          .forEach(ids::add);
    }
    return List.copyOf(ids);
  }

  /** The state of a publication's target, reading its intent only if the query needs to know. */
  private TargetState state(PostQuery query, JobSnapshot job) {
    if (WAITING.contains(job.status()) && query.states().containsAll(EITHER_WAITING_STATE)) {
      return TargetState.SCHEDULED; // scheduled or publishing: the query takes both
    }
    return TargetStatuses.state(client, job);
  }

  private static boolean filtersTargets(PostQuery query) {
    return !query.states().isEmpty()
        || query.platform().isPresent()
        || query.account().isPresent()
        || query.dueFrom().isPresent()
        || query.dueBefore().isPresent();
  }
}
