package dev.herald.it;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.herald.platforms.facebook.FacebookPublisher;
import dev.herald.platforms.mastodon.MastodonPublisher;
import dev.herald.scheduler.Scheduler;
import dev.herald.scheduler.SchedulerBuilder;
import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.credentials.TokenStore;
import dev.herald.scheduler.jdbc.JdbcJobStore;
import dev.herald.scheduler.publish.PlatformPublisher;
import dev.herald.scheduler.publish.Publishing;
import dev.herald.scheduler.publish.Target;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A publishing node as a test builds it, in the test JVM or in a child JVM: a pooled connection to
 * the database, a JDBC store, the platform publishers pointed at the fakes, and short leases.
 *
 * @param url the JDBC URL
 * @param user the database user
 * @param password its password
 * @param prefix Herald's table prefix
 * @param mastodon the fake Mastodon's base URI, or null
 * @param facebook the fake Facebook's base URI, or null
 */
record Node(String url, String user, String password, String prefix, URI mastodon,
    URI facebook) {
  static final String MASTODON_ACCOUNT = "alice";
  static final String MASTODON_TOKEN = "tok-alice";
  static final String FACEBOOK_PAGE = "page-9";
  static final String FACEBOOK_TOKEN = "page-token-9";

  /** The node's settings as system properties for a child JVM. */
  List<String> asProperties() {
    List<String> props = new ArrayList<>();
    props.add("-Dherald.it.url=" + url);
    props.add("-Dherald.it.user=" + user);
    props.add("-Dherald.it.password=" + password);
    props.add("-Dherald.it.prefix=" + prefix);
    if (mastodon != null) {
      props.add("-Dherald.it.mastodon=" + mastodon);
    }
    if (facebook != null) {
      props.add("-Dherald.it.facebook=" + facebook);
    }
    return props;
  }

  /** The node described by the system properties {@link #asProperties()} wrote. */
  static Node fromProperties() {
    String mastodon = System.getProperty("herald.it.mastodon");
    String facebook = System.getProperty("herald.it.facebook");
    return new Node(System.getProperty("herald.it.url"), System.getProperty("herald.it.user"),
        System.getProperty("herald.it.password", ""), System.getProperty("herald.it.prefix"),
        mastodon == null ? null : URI.create(mastodon),
        facebook == null ? null : URI.create(facebook));
  }

  HikariDataSource pool(int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(0);
    return new HikariDataSource(config);
  }

  JdbcJobStore store(HikariDataSource pool) {
    return JdbcJobStore.builder(pool).tablePrefix(prefix).build();
  }

  /** The publishers of this node, each passed through {@code wrap}. */
  Publishing publishing(UnaryOperator<PlatformPublisher> wrap) {
    return publishing(wrap, UnaryOperator.identity());
  }

  /**
   * The publishers of this node, each passed through {@code wrap}, with the settings (listeners,
   * webhook) {@code customise} adds to the builder.
   */
  Publishing publishing(UnaryOperator<PlatformPublisher> wrap,
      UnaryOperator<Publishing.Builder> customise) {
    TokenStore tokens = TokenStore.inMemory();
    Publishing.Builder b = Publishing.builder();
    if (mastodon != null) {
      tokens.put(Target.of("mastodon", MASTODON_ACCOUNT), Credentials.of(MASTODON_TOKEN));
      b.publisher(wrap.apply(MastodonPublisher.builder(mastodon).tokens(tokens).build()));
    }
    if (facebook != null) {
      tokens.put(Target.of("facebook", FACEBOOK_PAGE), Credentials.of(FACEBOOK_TOKEN));
      // a missing post counts as not created 3 s after the attempt (2 min by default)
      b.publisher(wrap.apply(FacebookPublisher.builder().graphBaseUri(facebook).tokens(tokens)
          .feedSettle(Duration.ofSeconds(3)).build()));
    }
    return customise.apply(b).build();
  }

  /** A scheduler running the publishing jobs with short leases, so recovery is quick. */
  Scheduler scheduler(JdbcJobStore store, Publishing publishing, String nodeId) {
    SchedulerBuilder builder = Scheduler.builder().store(store).nodeId(nodeId).threads(2)
        .pollInterval(Duration.ofMillis(100)).lease(Duration.ofSeconds(2), Duration.ofMillis(500))
        .sweepInterval(Duration.ofMillis(200)).shutdownGrace(Duration.ofSeconds(2));
    return publishing.install(builder).build();
  }
}
