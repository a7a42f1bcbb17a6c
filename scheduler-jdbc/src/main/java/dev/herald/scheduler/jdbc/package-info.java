/**
 * The persistent {@link dev.herald.scheduler.jdbc.JdbcJobStore}, {@link
 * dev.herald.scheduler.jdbc.JdbcLock} and {@link dev.herald.scheduler.jdbc.JdbcTokenStore} (with
 * its {@link dev.herald.scheduler.jdbc.TokenKeys}) on H2, PostgreSQL and MariaDB/MySQL.
 */
package dev.herald.scheduler.jdbc;
