package dev.herald.scheduler.jdbc.internal;

import dev.herald.scheduler.jdbc.Database;
import dev.herald.scheduler.jdbc.JdbcStoreException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/** Chooses the dialect: an explicit {@link Database}, or the one the connection reports. */
public final class Dialects {
  private Dialects() {}

  /** The dialect for {@code database}. */
  public static SqlDialect of(Database database) {
    return switch (database) {
      case H2 -> new H2Dialect();
      case POSTGRESQL -> new PostgresDialect();
      case MARIADB -> new MariaDbDialect();
    };
  }

  /**
   * The dialect of the database behind {@code dataSource}, from its product name.
   *
   * @throws JdbcStoreException naming the product if it is not supported, with the remedy
   */
  public static SqlDialect detect(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      DatabaseMetaData meta = c.getMetaData();
      return of(fromProductName(meta.getDatabaseProductName(), meta.getDatabaseProductVersion()));
    } catch (SQLException e) {
      throw new JdbcStoreException("detecting the database of the DataSource", e);
    }
  }

  static Database fromProductName(String product, String version) {
    String p = product.toLowerCase(Locale.ROOT);
    if (p.contains("h2")) {
      return Database.H2;
    }
    if (p.contains("postgres")) {
      return Database.POSTGRESQL;
    }
    if (p.contains("mariadb") || p.contains("mysql")) {
      return Database.MARIADB;
    }
    throw new JdbcStoreException("database '" + product + "' " + version + " is not supported: "
        + "Herald needs FOR UPDATE SKIP LOCKED, which it uses on H2 2.2+, PostgreSQL 12+, "
        + "MariaDB 10.6+ and MySQL 8.0.1+. If this database is one of those behind a proxy, set "
        + "it with JdbcJobStore.builder(dataSource).database(Database.…)");
  }
}
