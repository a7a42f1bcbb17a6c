package dev.herald.scheduler.internal.publish;

import dev.herald.scheduler.InvalidJobStateException;
import dev.herald.scheduler.JobQuery;
import dev.herald.scheduler.JobRequest;
import dev.herald.scheduler.JobSnapshot;
import dev.herald.scheduler.JobStatus;
import dev.herald.scheduler.Page;
import dev.herald.scheduler.SchedulerClient;
import dev.herald.scheduler.internal.Preconditions;
import dev.herald.scheduler.internal.publish.Payloads.Intent;
import dev.herald.scheduler.internal.publish.Payloads.Publication;
import dev.herald.scheduler.internal.publish.Payloads.Result;
import dev.herald.scheduler.internal.publish.Payloads.Series;
import dev.herald.scheduler.internal.publish.Payloads.TargetData;
import dev.herald.scheduler.publish.PlatformPublisher;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PostNotFoundException;
import dev.herald.scheduler.publish.PostQuery;
import dev.herald.scheduler.publish.PostRequest;
import dev.herald.scheduler.publish.PostStatus;
import dev.herald.scheduler.publish.PostValidationException;
import dev.herald.scheduler.publish.PostViolation;
import dev.herald.scheduler.publish.Publications;
import dev.herald.scheduler.publish.Publishing;
import dev.herald.scheduler.publish.Target;
import dev.herald.scheduler.publish.TargetStatus;
import java.net.URI;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/** {@link Publications} over a {@link SchedulerClient}. Threadsafe. */
public final class DefaultPublications implements Publications {
  private static final Set<JobStatus> EDITABLE = Set.of(JobStatus.SCHEDULED, JobStatus.PAUSED);
  private static final Comparator<TargetStatus> ORDER =
      Comparator.comparing(
              (TargetStatus t) -> t.occurrence().orElse(null),
              Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(t -> t.target().platform())
          .thenComparing(t -> t.target().account());

  private final SchedulerClient client;
  private final Map<String, PlatformPublisher> publishers;
  private final InstantSource clock;
  private final PostListing listing;

  public DefaultPublications(SchedulerClient client, Map<String, PlatformPublisher> publishers,
      InstantSource clock) {
    this.client = client;
    this.publishers = Map.copyOf(publishers);
    this.clock = clock;
    this.listing = new PostListing(client, this::find);
  }

  @Override
  public PostStatus schedule(PostRequest request) {
    Preconditions.notNull(request, "request");
    validate(request.targets(), request::post);
    String postId = request.postId();
    if (request.series().isPresent()) {
      Preconditions.checkArgument(request.targets().stream()
              .allMatch(t -> request.post(t).equals(request.post())),
          "a series publishes one post to every target; post " + postId + " has per-target "
              + "versions");
      PostData post = PostData.of(request.post());
      List<TargetData> targets = request.targets().stream()
          .map(TargetData::of).toList();
      client.schedule(JobRequest.builder(Publishing.SERIES_TYPE)
          .id(JobIds.series(postId))
          .payload(new Series(postId, 0, post, targets))
          .trigger(request.series().get())
          .misfirePolicy(request.misfirePolicy())
          .build());
    } else {
      for (Target target : request.targets()) {
        JobRequest.Builder job = JobRequest.builder(Publishing.PUBLISH_TYPE)
            .id(JobIds.publication(postId, null, target))
            .payload(new Publication(postId, 0, null, target, PostData.of(request.post(target))));
        request.at().ifPresent(job::runAt);
        client.schedule(job.build());
      }
    }
    return status(postId);
  }

  @Override
  public PostStatus status(String postId) {
    Preconditions.notBlank(postId, "postId");
    return find(postId).orElseThrow(() -> new PostNotFoundException(postId));
  }

  @Override
  public Page<PostStatus> list(PostQuery query) {
    return listing.list(Preconditions.notNull(query, "query"));
  }

  @Override
  public Stream<PostStatus> stream(PostQuery query) {
    return listing.stream(Preconditions.notNull(query, "query"));
  }

  /** The post's status, or empty if it has no publication and no series. */
  private Optional<PostStatus> find(String postId) {
    List<JobSnapshot> jobs = publications(postId);
    if (jobs.isEmpty() && client.get(JobIds.series(postId)).isEmpty()) {
      return Optional.empty();
    }
    List<TargetStatus> targets = new ArrayList<>();
    for (JobSnapshot job : jobs) {
      targets.add(TargetStatuses.of(client, job));
    }
    targets.sort(ORDER);
    return Optional.of(new PostStatus(postId, targets));
  }

  @Override
  public PostStatus edit(String postId, Post post) {
    Preconditions.notNull(post, "post");
    List<JobSnapshot> jobs = publications(postId);
    Optional<JobSnapshot> series = client.get(JobIds.series(postId));
    if (jobs.isEmpty() && series.isEmpty()) {
      throw new PostNotFoundException(postId);
    }
    Set<Target> targets = new LinkedHashSet<>();
    jobs.forEach(j -> targets.add(JobIds.parse(j.id()).target()));
    series.ifPresent(s -> client.payload(s.id(), Series.class).targets()
        .forEach(t -> targets.add(t.toTarget())));
    validate(targets, t -> post);
    PostData data = PostData.of(post);
    if (series.isPresent() && !series.get().status().isTerminal()) {
      Series current = client.payload(series.get().id(), Series.class);
      client.updatePayload(series.get().id(), current.withPost(current.revision() + 1, data));
    }
    for (JobSnapshot job : jobs) {
      if (EDITABLE.contains(job.status()) && !sending(job.id())) {
        Publication current = client.payload(job.id(), Publication.class);
        try {
          client.updatePayload(job.id(), current.withPost(current.revision() + 1, data));
        } catch (InvalidJobStateException started) {
          // it started publishing meanwhile: it keeps the content it started with
        }
      }
    }
    return status(postId);
  }

  @Override
  public PostStatus cancel(String postId) {
    PostStatus before = status(postId);
    Optional<JobSnapshot> series = client.get(JobIds.series(postId));
    series.filter(s -> !s.status().isTerminal()).ifPresent(s -> cancelQuietly(s.id()));
    for (TargetStatus target : before.targets()) {
      cancelQuietly(target.jobId());
    }
    return status(postId);
  }

  @Override
  public TargetStatus markPublished(TargetStatus target, String remoteId, URI url) {
    Preconditions.notNull(target, "target");
    Preconditions.notBlank(remoteId, "remoteId");
    Result result = new Result(remoteId, url == null ? null : url.toString(),
        clock.instant().toString());
    JobSnapshot job = client.resolve(target.jobId(), Map.of(PublishJob.RESULT, result),
        "marked published by hand as " + remoteId);
    return TargetStatuses.of(client, job);
  }

  @Override
  public TargetStatus resend(TargetStatus target) {
    Preconditions.notNull(target, "target");
    JobSnapshot job = client.retry(target.jobId(), Set.of(PublishJob.INTENT));
    return TargetStatuses.of(client, job);
  }

  private boolean sending(String jobId) {
    return client.step(jobId, PublishJob.INTENT, Intent.class).filter(Intent::sending).isPresent();
  }

  private void cancelQuietly(String jobId) {
    try {
      client.cancel(jobId);
    } catch (InvalidJobStateException finished) {
      // published, failed or cancelled already: nothing to cancel
    }
  }

  /** The publication jobs of a post: its targets, or every occurrence's targets of a series. */
  private List<JobSnapshot> publications(String postId) {
    List<JobSnapshot> jobs = new ArrayList<>();
    for (String prefix : List.of(JobIds.oneTimePrefix(postId), JobIds.seriesPrefix(postId))) {
      JobQuery query = JobQuery.builder().idPrefix(prefix).limit(1000).build();
      while (true) {
        Page<JobSnapshot> page = client.list(query);
        jobs.addAll(page.items());
        if (!page.hasMore()) {
          break;
        }
        query = query.next(page);
      }
    }
    return jobs;
  }

  private void validate(Collection<Target> targets, Function<Target, Post> postOf) {
    List<PostViolation> violations = new ArrayList<>();
    for (Target target : targets) {
      Post post = postOf.apply(target);
      PlatformPublisher publisher = publishers.get(target.platform());
      if (publisher == null) {
        throw new IllegalArgumentException("no publisher for platform '" + target.platform()
            + "' (target " + target + "); platforms with a publisher: "
            + publishers.keySet().stream().sorted().toList());
      }
      for (PostViolation v : publisher.validate(post, target)) {
        violations.add(new PostViolation(target.toString(), v.field(), v.message()));
      }
    }
    if (!violations.isEmpty()) {
      throw new PostValidationException(violations);
    }
  }
}
