package dev.herald.scheduler.jdbc;

/** What {@link JdbcJobStore} and {@link JdbcLock} do about their tables when built. */
public enum SchemaMode {
  /**
   * Create the tables if missing and apply pending migrations, under a lock so that nodes starting
   * together migrate exactly once. The default.
   */
  CREATE,
  /** Check that the tables exist at the version this Herald needs; fail with a remedy otherwise. */
  VALIDATE,
  /** Do nothing: the tables are managed outside Herald (Flyway, Liquibase, a DBA). */
  NONE
}
