package dev.herald.scheduler.jdbc;

/** What {@link JdbcJobStore} and {@link JdbcLock} do about their tables when built. */
public enum SchemaMode {
  /**
   * Create the tables if missing and apply pending migrations, under a lock so that nodes starting
   * together migrate exactly once. Tables dropped outside Herald are recreated when all of them
   * are gone (the schema history alone left); when only some are, the start fails naming them and
   * the remedy. The default.
   */
  CREATE,
  /** Check that the tables exist at the version this Herald needs; fail with a remedy otherwise. */
  VALIDATE,
  /** Do nothing: the tables are managed outside Herald (Flyway, Liquibase, a DBA). */
  NONE
}
