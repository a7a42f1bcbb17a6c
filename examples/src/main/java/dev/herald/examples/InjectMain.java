package dev.herald.examples;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Provides;
import dev.herald.platforms.mastodon.MastodonPublisher;
import dev.herald.platforms.testing.FakeMastodon;
import dev.herald.platforms.testing.Fault;
import dev.herald.platforms.testing.LedgerEntry;
import dev.herald.scheduler.Job;
import dev.herald.scheduler.JobContext;
import dev.herald.scheduler.JobOptions;
import dev.herald.scheduler.JobRequest;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.credentials.TokenStore;
import dev.herald.scheduler.publish.PlatformPublisher;
import dev.herald.scheduler.publish.Post;
import dev.herald.scheduler.publish.PublishRejectedException;
import dev.herald.scheduler.publish.PublishRequest;
import dev.herald.scheduler.publish.PublishResult.Published;
import dev.herald.scheduler.publish.PublishResult.RateLimited;
import dev.herald.scheduler.publish.PublishResult.Rejected;
import dev.herald.scheduler.publish.PublishResult.RetryLater;
import dev.herald.scheduler.publish.PublishResult.Unknown;
import dev.herald.scheduler.publish.PublishResult;
import dev.herald.scheduler.publish.Target;
import dev.herald.scheduler.retry.NeedsReviewException;
import dev.herald.scheduler.retry.RetryAfterException;
import dev.herald.scheduler.retry.RetryPolicy;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Jobs and publishers built by a jakarta.inject container, here Google Guice 7. The application
 * code sees only {@code jakarta.inject}: the job type {@code announce} is registered with a {@link
 * Provider}{@code <AnnounceJob>}, so the container builds a new {@link AnnounceJob} for every run
 * and injects its dependencies: a {@link Copywriter} service, the {@link RunLog}, and the {@link
 * PlatformPublisher} the container provides (a {@link MastodonPublisher} for an in-process {@link
 * FakeMastodon}). The {@link Scheduler} itself is provided by the container too. The fake answers
 * one status request with HTTP 503, an unknown outcome (the status may exist), so one announcement
 * is sent again with the same key, by a job instance built for that run. Run it with
 *
 * <pre>
 * mvn -B -q -pl examples -am compile -Prun -Dexample=InjectMain
 * </pre>
 *
 * <p>The job maps every {@link PublishResult} onto the scheduler's retry rules in a few lines; for
 * effectively-once publishing with a durable record of each attempt, register the publishers with
 * {@link dev.herald.scheduler.publish.Publishing} instead of calling them from a job.
 */
public final class InjectMain {
  static final String ACCOUNT = "herald-demo";

  private InjectMain() {}

  /**
   * What one run of an announcement did.
   *
   * @param jobId the scheduled job
   * @param attempt its attempt number
   * @param jobInstance which {@link AnnounceJob} instance ran it, numbered as the container built
   *     them
   * @param product what was announced
   * @param result what the publisher returned
   */
  record Run(String jobId, int attempt, int jobInstance, String product, PublishResult result) {}

  /**
   * What the demo did.
   *
   * @param runs every run of an announcement, in the order they ended
   * @param jobInstancesBuilt how many {@link AnnounceJob}s the container built
   * @param ledger what the fake Mastodon published
   */
  record Result(List<Run> runs, int jobInstancesBuilt, List<LedgerEntry> ledger) {}

  public static void main(String[] args) throws InterruptedException {
    run(System.out);
  }

  /** Builds the application with Guice, runs three announcements, and prints what ran. */
  static Result run(PrintStream out) throws InterruptedException {
    List<String> products = List.of("Lamp", "Kettle", "Toaster");
    Injector injector = Guice.createInjector(new AppModule());
    RunLog log = injector.getInstance(RunLog.class);
    try (FakeMastodon fake = injector.getInstance(FakeMastodon.class);
        Scheduler scheduler = injector.getInstance(Scheduler.class)) {
      fake.inject(FakeMastodon.STATUSES, Fault.status(503).times(1));
      out.println(
          "Guice provided: "
              + injector.getInstance(PlatformPublisher.class)
              + " as the PlatformPublisher, and a scheduler whose job type 'announce' comes from a"
              + " jakarta.inject.Provider<AnnounceJob>.");

      for (String product : products) {
        scheduler
            .client()
            .schedule(
                JobRequest.builder("announce")
                    .id("announce-" + product.toLowerCase(Locale.ROOT))
                    .payload(product)
                    .runAt(Instant.now().plusMillis(500))
                    .build());
      }
      out.println("Scheduled " + products.size() + " announcements; the fake answers one 503.");
      scheduler.start();
      List<Run> runs = new ArrayList<>();
      Instant deadline = Instant.now().plusSeconds(30);
      while (runs.stream().filter(r -> r.result() instanceof Published).count() < products.size()
          && Instant.now().isBefore(deadline)) {
        log.next(Duration.between(Instant.now(), deadline)).ifPresent(runs::add);
      }

      out.println("What ran (each run by an AnnounceJob that Guice built for it):");
      out.printf("  %-16s %-8s %-14s %s%n", "job", "attempt", "job instance", "result");
      for (Run r : runs) {
        out.printf(
            "  %-16s %-8d %-14s %s%n",
            r.jobId(), r.attempt(), "AnnounceJob#" + r.jobInstance(), describe(r.result()));
      }
      Result result =
          new Result(List.copyOf(runs), log.jobInstancesBuilt(), fake.ledger().entries());
      out.println(
          "Guice built "
              + result.jobInstancesBuilt()
              + " AnnounceJobs for "
              + runs.size()
              + " runs; the fake Mastodon published "
              + result.ledger().size()
              + " statuses.");
      return result;
    }
  }

  private static String describe(PublishResult result) {
    if (result instanceof Published published) {
      return "published " + published.url().map(Object::toString).orElse(published.remoteId());
    }
    if (result instanceof RetryLater retryLater) {
      return "RetryLater after " + retryLater.after() + ": the scheduler runs it again";
    }
    return result.toString();
  }

  /**
   * The application's wiring. Everything else is built from {@code @Inject} constructors. Guice
   * modules are configured once, on one thread.
   */
  static final class AppModule extends AbstractModule {
    private static final String TOKEN = "demo-token";

    /** The platform; in production, the instance URL would come from configuration. */
    @Provides
    @Singleton
    FakeMastodon fakeMastodon() {
      return FakeMastodon.builder().account(ACCOUNT, TOKEN).start();
    }

    @Provides
    @Singleton
    TokenStore tokens() {
      TokenStore tokens = TokenStore.inMemory();
      tokens.put(Target.of(MastodonPublisher.PLATFORM, ACCOUNT), Credentials.of(TOKEN));
      return tokens;
    }

    /** Jobs depend on the SPI type; which platform is behind it is decided here. */
    @Provides
    @Singleton
    PlatformPublisher publisher(FakeMastodon fake, TokenStore tokens) {
      return MastodonPublisher.builder(fake.baseUri())
          .tokens(tokens)
          .retryDelay(Duration.ofSeconds(1))
          .build();
    }

    /**
     * The scheduler, with job types whose instances the container builds: {@code jobs.get()} is
     * called for every run.
     */
    @Provides
    @Singleton
    Scheduler scheduler(Provider<AnnounceJob> jobs) {
      return Scheduler.builder()
          .register(
              "announce",
              jobs,
              JobOptions.builder()
                  .retryPolicy(
                      RetryPolicy.builder()
                          .maxAttempts(5)
                          .abortOn(PublishRejectedException.class)
                          .build())
                  .build())
          .threads(2)
          .pollInterval(Duration.ofMillis(200))
          .shutdownGrace(Duration.ofSeconds(5))
          .build();
    }
  }

  /** A service the job gets injected: writes the announcements. This class is threadsafe. */
  @Singleton
  static final class Copywriter {
    @Inject
    Copywriter() {}

    String announcement(String product) {
      return "New in the shop: the " + product + ". #newarrivals";
    }
  }

  /**
   * Where the jobs report their runs, and the count of job instances built; one per application.
   * This class is threadsafe.
   */
  @Singleton
  static final class RunLog {
    private final AtomicInteger instances = new AtomicInteger();
    private final BlockingQueue<Run> runs = new LinkedBlockingQueue<>();

    @Inject
    RunLog() {}

    int newJobInstance() {
      return instances.incrementAndGet();
    }

    int jobInstancesBuilt() {
      return instances.get();
    }

    void ran(Run run) {
      runs.add(run);
    }

    /** The next run reported, waiting up to {@code timeout} for one. */
    Optional<Run> next(Duration timeout) throws InterruptedException {
      return Optional.ofNullable(runs.poll(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS));
    }
  }

  /**
   * Announces a product on the platform. The container builds one for every run (the type is not a
   * singleton), so it may keep per-run state; the scheduler still calls it from a worker thread.
   */
  static final class AnnounceJob implements Job {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PlatformPublisher publisher;
    private final Copywriter copywriter;
    private final RunLog log;
    private final int instance;

    @Inject
    AnnounceJob(PlatformPublisher publisher, Copywriter copywriter, RunLog log) {
      this.publisher = publisher;
      this.copywriter = copywriter;
      this.log = log;
      this.instance = log.newJobInstance();
    }

    @Override
    public void execute(JobContext ctx) throws Exception {
      String product = ctx.payload(String.class);
      Post post = Post.text(copywriter.announcement(product));
      // a random key, stored durably before the first send and read back by every retry: the
      // platform deduplicates a resend by it. Not the job id, which another database can share.
      String key = ctx.step("idempotency-key", AnnounceJob::newKey);
      PublishResult result = publisher.publish(new PublishRequest(post, Target.of(MastodonPublisher.PLATFORM, ACCOUNT), key));
      log.ran(new Run(ctx.jobId(), ctx.attempt(), instance, product, result));

      if (result instanceof RetryLater retryLater) {
        throw RetryAfterException.after(retryLater.after(), retryLater.reason());
      }
      if (result instanceof RateLimited rateLimited) {
        throw RetryAfterException.deferUntil(rateLimited.until(), rateLimited.reason());
      }
      if (result instanceof Unknown unknown) {
        // Mastodon deduplicates a resend with the same key for an hour: send it again soon; a
        // later attempt, outside that window, asks a human
        if (ctx.attempt() > 1) {
          throw new NeedsReviewException("the post may be live: " + unknown.reason());
        }
        throw RetryAfterException.after(Duration.ofSeconds(1), unknown.reason());
      }
      if (result instanceof Rejected rejected) {
        throw new PublishRejectedException(
            Target.of(publisher.platform(), ACCOUNT), rejected.code(), rejected.reason());
      }
      if (!(result instanceof Published)) { // AuthExpired: Mastodon tokens cannot be refreshed
        throw new PublishRejectedException(
            Target.of(publisher.platform(), ACCOUNT), "auth_expired", result.toString());
      }
    }

    /** 128 random bits, base64url. */
    private static String newKey() {
      byte[] key = new byte[16];
      RANDOM.nextBytes(key);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }
  }
}
