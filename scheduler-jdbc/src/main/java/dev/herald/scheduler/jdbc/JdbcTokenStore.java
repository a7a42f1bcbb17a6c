package dev.herald.scheduler.jdbc;

import dev.herald.scheduler.credentials.Credentials;
import dev.herald.scheduler.credentials.TokenStore;
import dev.herald.scheduler.jdbc.internal.Dialects;
import dev.herald.scheduler.jdbc.internal.Jdbc;
import dev.herald.scheduler.jdbc.internal.Loggers;
import dev.herald.scheduler.jdbc.internal.Migrator;
import dev.herald.scheduler.jdbc.internal.SqlDialect;
import dev.herald.scheduler.jdbc.internal.Tables;
import dev.herald.scheduler.jdbc.internal.TokenCipher;
import dev.herald.scheduler.jdbc.internal.TokenCipher.Sealed;
import dev.herald.scheduler.jdbc.internal.TokenRefreshes;
import dev.herald.scheduler.jdbc.internal.TokenRows;
import dev.herald.scheduler.jdbc.internal.TokenRows.Row;
import dev.herald.scheduler.publish.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * The durable {@link TokenStore} on H2, PostgreSQL or MariaDB/MySQL: credentials survive restarts,
 * are shared by every node of the database, and are encrypted at rest with keys the application
 * supplies.
 *
 * <pre>{@code
 * TokenStore tokens = JdbcTokenStore.builder(dataSource)
 *     .encryption(TokenKeys.of("2026-11", key))   // 32 bytes from your secret manager
 *     .build();                                   // migrates the schema
 * }</pre>
 *
 * <p><b>Table.</b> One row per target in {@code <prefix>tokens}, created by the same versioned
 * migrations, under the same lock and with the same {@link SchemaMode}, as {@link JdbcJobStore}'s
 * tables: a job store and a token store on the same table prefix share one schema history.
 *
 * <p><b>Encryption.</b> Each write encrypts the credentials with AES-256-GCM from the JDK under
 * the current key of its {@link TokenKeys}, with a random 96-bit IV, and stores the key's id beside
 * them; the target (platform, instance, account) is authenticated with them, so a ciphertext copied
 * into another row does not decrypt. Reads use whichever key the row names; a row that cannot be
 * decrypted fails with a {@link TokenDecryptionException} naming the target and key id. No token
 * or key appears in a log line, an exception message or a {@code toString()}. Rotate keys with
 * {@link TokenKeys#withDecryptionKey} and {@link #reencryptAll()}.
 *
 * <p><b>Concurrency.</b> {@link #replace} is a compare-and-set on the row's version: it writes only
 * if the stored credentials still equal the expected ones and nobody wrote in between. {@link
 * #refresh} runs one caller at a time per target across every node: the caller takes a lease on
 * the row (by the database's clock, lasting {@link Builder#refreshLease}), calls the platform with
 * no transaction or connection held, and stores the result with a compare-and-set; other callers
 * poll meanwhile and return what it stored, without calling the platform, or give up after {@link
 * Builder#refreshWait}. A lease left by a crashed node is taken over once it expires.
 *
 * <p>The {@link DataSource} stays yours: the store never closes it. This class is threadsafe.
 */
public final class JdbcTokenStore implements TokenStore {
  private final Jdbc jdbc;
  private final TokenRows rows;
  private final TokenCipher cipher;
  private final TokenRefreshes refreshes;

  private JdbcTokenStore(Jdbc jdbc, TokenCipher cipher, Duration lease, Duration wait) {
    this.jdbc = jdbc;
    this.rows = new TokenRows(jdbc);
    this.cipher = cipher;
    this.refreshes = new TokenRefreshes(jdbc, rows, cipher, lease, wait);
  }

  /**
   * A store over the database and tables of an open job store, with the default lease and wait:
   * {@link JdbcJobStore#tokenStore(TokenKeys)}. The job store has applied the schema.
   */
  static JdbcTokenStore over(Jdbc jdbc, TokenKeys keys) {
    Objects.requireNonNull(keys, "keys cannot be null");
    return new JdbcTokenStore(jdbc, new TokenCipher(keys.currentKeyId(), keys.secretKeys()),
        Builder.DEFAULT_LEASE, Builder.DEFAULT_WAIT);
  }

  /**
   * A builder for a store on {@code dataSource}, which stays yours: the store never closes it.
   *
   * @param dataSource the connections to use; pooled, with at least two connections (a migration
   *     holds one as its lock while applying scripts on another)
   * @return a new builder
   * @throws NullPointerException if {@code dataSource} is null
   */
  public static Builder builder(DataSource dataSource) {
    return new Builder(Objects.requireNonNull(dataSource, "dataSource cannot be null"));
  }

  @Override
  public Optional<Credentials> get(Target target) {
    checkTarget(target);
    return jdbc.inTransaction("read the credentials of " + target,
        (c, now) -> rows.read(c, target)).map(row -> open(target, row));
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if the platform, instance or account is longer than 191
   *     characters
   */
  @Override
  public void put(Target target, Credentials credentials) {
    checkWritable(target);
    Objects.requireNonNull(credentials, "credentials cannot be null");
    Sealed sealed = cipher.seal(target, credentials);
    jdbc.inTransaction("store the credentials of " + target, (c, now) -> {
      rows.upsert(c, target, sealed, now);
      return null;
    });
  }

  /**
   * {@inheritDoc}
   *
   * <p>The stored credentials are decrypted and compared with {@code expected}; the write is
   * conditional on the row's version, so a concurrent writer on any node makes it return false.
   *
   * @throws IllegalArgumentException if the platform, instance or account is longer than 191
   *     characters
   */
  @Override
  public boolean replace(Target target, Credentials expected, Credentials updated) {
    checkWritable(target);
    Objects.requireNonNull(expected, "expected cannot be null");
    Objects.requireNonNull(updated, "updated cannot be null");
    Sealed sealed = cipher.seal(target, updated);
    return jdbc.inTransaction("replace the credentials of " + target, (c, now) -> {
      Optional<Row> row = rows.read(c, target);
      return row.isPresent()
          && open(target, row.get()).equals(expected)
          && rows.compareAndSet(c, target, row.get().version(), sealed, now);
    });
  }

  /**
   * {@inheritDoc}
   *
   * <p>Across nodes: the caller takes a lease on the target's row, by the database's clock, and
   * calls {@code refresh} holding no connection; others wait for up to {@link
   * Builder#refreshWait}. A lease not released (a crashed node) is taken over once {@link
   * Builder#refreshLease} has passed; a caller slower than its lease still stores its result unless
   * another caller stored first.
   *
   * @throws JdbcStoreException if another caller held the lease for longer than the refresh wait
   *     ({@code refresh} is then not called), or the database failed
   * @throws IllegalArgumentException if the platform, instance or account is longer than 191
   *     characters
   */
  @Override
  public Optional<Credentials> refresh(Target target, Credentials seen,
      UnaryOperator<Credentials> refresh) {
    checkWritable(target);
    Objects.requireNonNull(seen, "seen cannot be null");
    Objects.requireNonNull(refresh, "refresh cannot be null");
    return refreshes.refresh(target, seen, refresh);
  }

  @Override
  public void remove(Target target) {
    checkTarget(target);
    jdbc.inTransaction("remove the credentials of " + target, (c, now) -> {
      rows.delete(c, target);
      return null;
    });
  }

  @Override
  public Set<Target> targets(String platform) {
    Objects.requireNonNull(platform, "platform cannot be null");
    if (platform.isBlank()) {
      throw new IllegalArgumentException("platform cannot be blank, was '" + platform + "'");
    }
    return Set.copyOf(jdbc.inTransaction("list the targets of " + platform,
        (c, now) -> rows.targets(c, platform)));
  }

  /**
   * Re-encrypts, under the current key, every row written with another key, so that the other keys
   * can then be dropped. Each row is rewritten in its own short transaction, conditionally on its
   * version, so concurrent writes are never overwritten (a row written meanwhile is under the
   * current key already). Run it once every node writes with the current key; afterwards rows name
   * only the current key.
   *
   * @return the number of rows re-encrypted
   * @throws TokenDecryptionException if a row names a key this store was not given, or does not
   *     decrypt; the other rows are re-encrypted first, and further failures are suppressed in it
   */
  public int reencryptAll() {
    String current = cipher.currentKeyId();
    List<Target> stale = jdbc.inTransaction("list the credentials to re-encrypt",
        (c, now) -> rows.encryptedWithOtherKeys(c, current));
    int reencrypted = 0;
    List<TokenDecryptionException> failures = new ArrayList<>();
    for (Target target : stale) {
      try {
        boolean done = jdbc.inTransaction("re-encrypt the credentials of " + target, (c, now) -> {
          Optional<Row> row = rows.read(c, target);
          if (row.isEmpty() || row.get().keyId().equals(current)) {
            return false; // removed, or rewritten meanwhile
          }
          Sealed sealed = cipher.seal(target, open(target, row.get()));
          return rows.reseal(c, target, row.get().version(), row.get().keyId(), sealed);
        });
        reencrypted += done ? 1 : 0;
      } catch (TokenDecryptionException e) {
        failures.add(e);
      }
    }
    if (reencrypted > 0) {
      Loggers.JDBC.info("Re-encrypted the credentials of {} targets under key {} ({})",
          reencrypted, current, rows);
    }
    if (!failures.isEmpty()) {
      TokenDecryptionException first = failures.get(0);
      failures.subList(1, failures.size()).forEach(first::addSuppressed);
      throw first;
    }
    return reencrypted;
  }

  /**
   * The database this store runs on.
   *
   * @return the database, as set on the builder or detected
   */
  public Database database() {
    return jdbc.dialect().database();
  }

  /** "JdbcTokenStore[POSTGRESQL, tables herald_*, key 2026-11]": never a token or a key. */
  @Override
  public String toString() {
    return "JdbcTokenStore[" + jdbc.dialect().database() + ", tables " + jdbc.tables().prefix()
        + "*, key " + cipher.currentKeyId() + "]";
  }

  private Credentials open(Target target, Row row) {
    return cipher.open(target, row.keyId(), row.secret());
  }

  private static void checkTarget(Target target) {
    Objects.requireNonNull(target, "target cannot be null");
  }

  private static void checkWritable(Target target) {
    checkTarget(target);
    checkLength("platform", target.platform());
    checkLength("instance", target.instance().orElse(""));
    checkLength("account", target.account());
  }

  private static void checkLength(String field, String value) {
    if (value.length() > TokenRows.MAX_KEY_LENGTH) {
      throw new IllegalArgumentException(field + " must be at most " + TokenRows.MAX_KEY_LENGTH
          + " characters in a JdbcTokenStore, was " + value.length() + " characters: '"
          + value.substring(0, 40) + "…'");
    }
  }

  /**
   * Builds a {@link JdbcTokenStore} on your {@link DataSource}; {@link #encryption} is required.
   * Not threadsafe.
   */
  public static final class Builder {
    private final DataSource dataSource;
    private Database database;
    private String tablePrefix = "herald_";
    private SchemaMode schemaMode = SchemaMode.CREATE;
    private TokenKeys keys;
    static final Duration DEFAULT_LEASE = Duration.ofMinutes(1);
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(90);

    private Duration refreshLease = DEFAULT_LEASE;
    private Duration refreshWait = DEFAULT_WAIT;

    private Builder(DataSource dataSource) {
      this.dataSource = dataSource;
    }

    /**
     * The keys that encrypt and decrypt the credentials. Required.
     *
     * @param keys the current key and any decryption keys
     * @return this builder
     */
    public Builder encryption(TokenKeys keys) {
      this.keys = Objects.requireNonNull(keys, "keys cannot be null");
      return this;
    }

    /**
     * The database, instead of detecting it from the connection's metadata.
     *
     * @param database the database the store runs on
     * @return this builder
     */
    public Builder database(Database database) {
      this.database = Objects.requireNonNull(database, "database cannot be null");
      return this;
    }

    /**
     * The prefix of Herald's tables; default {@code herald_}. A job store and a token store with
     * the same prefix share the schema; two prefixes give independent stores.
     *
     * @param prefix the table prefix
     * @return this builder
     * @throws IllegalArgumentException unless 1–31 letters, digits or underscores starting with a
     *     letter
     */
    public Builder tablePrefix(String prefix) {
      this.tablePrefix = new Tables(Objects.requireNonNull(prefix, "prefix cannot be null"))
          .prefix();
      return this;
    }

    /**
     * What to do about the tables at build; default {@link SchemaMode#CREATE}.
     *
     * @param mode the schema mode
     * @return this builder
     */
    public Builder schemaMode(SchemaMode mode) {
      this.schemaMode = Objects.requireNonNull(mode, "schemaMode cannot be null");
      return this;
    }

    /**
     * How long a caller of {@link JdbcTokenStore#refresh} holds a target's refresh lease; default 1
     * minute. Longer than the slowest refresh call (the platform client's timeouts): a caller still
     * calling when its lease ends lets a second caller in. A crashed node's lease blocks refreshes
     * of its target for this long.
     *
     * @param lease the lease's duration
     * @return this builder
     * @throws IllegalArgumentException if it is not positive
     */
    public Builder refreshLease(Duration lease) {
      this.refreshLease = positive(lease, "refreshLease");
      return this;
    }

    /**
     * How long a caller of {@link JdbcTokenStore#refresh} waits while another one holds the
     * target's lease before it gives up with a {@link JdbcStoreException}; default 90 seconds.
     * Longer than the refresh lease lets a waiter outlast a crashed holder.
     *
     * @param wait the longest wait
     * @return this builder
     * @throws IllegalArgumentException if it is not positive
     */
    public Builder refreshWait(Duration wait) {
      this.refreshWait = positive(wait, "refreshWait");
      return this;
    }

    /**
     * Builds the store: detects the database of the DataSource unless set, then applies the
     * schema mode.
     *
     * @return the store, with its table ready for use
     * @throws IllegalStateException if no {@link #encryption} keys were given
     * @throws JdbcStoreException if the database is unsupported or unreachable, or the schema is
     *     not at the version this Herald needs (the message says what to do)
     */
    public JdbcTokenStore build() {
      if (keys == null) {
        throw new IllegalStateException("a JdbcTokenStore needs encryption keys:"
            + " builder(dataSource).encryption(TokenKeys.of(keyId, key)), the key being 32 random"
            + " bytes the application keeps out of the database");
      }
      SqlDialect dialect = database != null ? Dialects.of(database) : Dialects.detect(dataSource);
      Jdbc jdbc = new Jdbc(dataSource, dialect, new Tables(tablePrefix), null);
      new Migrator(jdbc).apply(schemaMode);
      TokenCipher cipher = new TokenCipher(keys.currentKeyId(), keys.secretKeys());
      return new JdbcTokenStore(jdbc, cipher, refreshLease, refreshWait);
    }

    private static Duration positive(Duration value, String name) {
      Objects.requireNonNull(value, name + " cannot be null");
      if (value.isZero() || value.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive, was " + value);
      }
      return value;
    }
  }
}
