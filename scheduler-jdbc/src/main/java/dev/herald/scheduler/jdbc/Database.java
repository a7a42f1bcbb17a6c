package dev.herald.scheduler.jdbc;

/**
 * The databases Herald's JDBC store supports. Detected from {@link
 * java.sql.DatabaseMetaData#getDatabaseProductName()}; set it explicitly with {@link
 * JdbcJobStore.Builder#database(Database)} when detection cannot work (a proxy, a wrapper).
 */
public enum Database {
  /** H2 2.2 or later, embedded (file or memory) or server. The default for a user with no database. */
  H2,
  /** PostgreSQL 12 or later. */
  POSTGRESQL,
  /** MariaDB 10.6 or later, or MySQL 8.0.1 or later (both need {@code SKIP LOCKED}). */
  MARIADB
}
