/**
 * The persistent {@link dev.herald.scheduler.jdbc.JdbcJobStore} and {@link
 * dev.herald.scheduler.jdbc.JdbcLock} on H2, PostgreSQL and MariaDB/MySQL.
 */
package dev.herald.scheduler.jdbc;
