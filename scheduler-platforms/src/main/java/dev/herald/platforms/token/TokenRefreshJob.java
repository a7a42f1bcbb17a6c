package dev.herald.platforms.token;

import dev.herald.platforms.internal.Loggers;
import dev.herald.platforms.internal.Preconditions;
import dev.herald.scheduler.Job;
import dev.herald.scheduler.JobContext;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.credentials.TokenStore;
import dev.herald.scheduler.publish.Target;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;

/**
 * A Herald job that refreshes every account of one platform whose credentials need it, as a
 * recurring job:
 *
 * <pre>{@code
 * Scheduler.builder()
 *     .recurring("instagram-token-refresh", Triggers.parse("6h"),
 *         TokenRefreshJob.of(tokens, instagramRefresher))
 * }</pre>
 *
 * <p>Targets the refresher does not {@linkplain TokenRefresher#serves serve} (a Pixelfed instance
 * the app has no OAuth client on) are skipped. Each account is refreshed independently: one
 * failure does not stop the others. Refreshes go through {@link TokenStore#refresh}, so a
 * concurrent refresh of the same account (another node, a publish that refreshed on 401) is waited
 * for and its result used, never overwritten and never repeated with a spent refresh token. If any
 * account failed in a way that may pass (a network error), the job throws at the end so its retry
 * policy schedules another try; accounts whose grant was revoked are logged and left for the user
 * to authorise again.
 *
 * <p>This class is threadsafe.
 */
public final class TokenRefreshJob implements Job {
  private static final Logger log = Loggers.TOKEN;

  private final TokenStore tokens;
  private final TokenRefresher refresher;
  private final InstantSource clock;

  private TokenRefreshJob(TokenStore tokens, TokenRefresher refresher, InstantSource clock) {
    this.tokens = Preconditions.notNull(tokens, "tokens");
    this.refresher = Preconditions.notNull(refresher, "refresher");
    this.clock = Preconditions.notNull(clock, "clock");
  }

  /**
   * A job refreshing the accounts of {@code refresher.platform()} in {@code tokens}.
   *
   * @param tokens where the credentials are read and the refreshed ones stored
   * @param refresher the refresher of the platform whose accounts the job walks
   * @return a job to register with the scheduler
   */
  public static TokenRefreshJob of(TokenStore tokens, TokenRefresher refresher) {
    return new TokenRefreshJob(tokens, refresher, InstantSource.system());
  }

  /**
   * The same, judging expiry on {@code clock}.
   *
   * @param tokens where the credentials are read and the refreshed ones stored
   * @param refresher the refresher of the platform whose accounts the job walks
   * @param clock the clock expiry is judged by
   * @return a job to register with the scheduler
   */
  public static TokenRefreshJob of(TokenStore tokens, TokenRefresher refresher,
      InstantSource clock) {
    return new TokenRefreshJob(tokens, refresher, clock);
  }

  @Override
  public void execute(JobContext context) {
    refreshAll();
  }

  /**
   * Refreshes every account that needs it.
   *
   * @return the targets refreshed
   * @throws TokenRefreshException (the first retryable failure) if any account failed in a way
   *     that may pass
   */
  public List<Target> refreshAll() {
    String platform = refresher.platform();
    List<Target> refreshed = new ArrayList<>();
    List<TokenRefreshException> retryable = new ArrayList<>();
    for (Target target : tokens.targets(platform)) {
      if (!refresher.serves(target)) {
        log.debug("{} does not refresh the token of {}; skipped", refresher, target);
        continue;
      }
      Optional<Credentials> current = tokens.get(target);
      Instant now = clock.instant();
      if (current.isEmpty() || !refresher.needsRefresh(current.get(), now)) {
        continue;
      }
      try {
        AtomicReference<Credentials> mine = new AtomicReference<>();
        Optional<Credentials> updated = tokens.refresh(target, current.get(), c -> {
          mine.set(refresher.refresh(target, c));
          return mine.get();
        });
        if (updated.isPresent() && updated.get().equals(mine.get())) {
          refreshed.add(target);
          log.info("Refreshed the token of {}; it now expires at {}", target,
              updated.get().expiresAt().map(Instant::toString).orElse("never"));
        } else {
          log.info("The token of {} was refreshed elsewhere meanwhile; kept the newer one", target);
        }
      } catch (TokenRefreshException e) {
        log.warn(e.getMessage());
        if (e.isRetryable()) {
          retryable.add(e);
        }
      } catch (RuntimeException e) { // a refresher bug must not stop the other accounts
        log.warn("Refreshing the token of {} failed unexpectedly", target, e);
        TokenRefreshException wrapped = new TokenRefreshException(platform,
            target.account() + target.instance().map(i -> "@" + i).orElse(""),
            e.getClass().getName(), true);
        wrapped.initCause(e);
        retryable.add(wrapped);
      }
    }
    if (!retryable.isEmpty()) {
      TokenRefreshException first = retryable.get(0);
      retryable.stream().skip(1).forEach(first::addSuppressed);
      throw first;
    }
    return refreshed;
  }

  @Override
  public String toString() {
    return "TokenRefreshJob[" + refresher.platform() + "]";
  }
}
