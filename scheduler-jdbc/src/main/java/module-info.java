/**
 * Herald's persistent job store, lock and token store on H2, PostgreSQL and MariaDB/MySQL: {@link
 * dev.herald.scheduler.jdbc.JdbcJobStore}, {@link dev.herald.scheduler.jdbc.JdbcLock} and {@link
 * dev.herald.scheduler.jdbc.JdbcTokenStore}.
 */
module dev.herald.scheduler.jdbc {
  requires transitive dev.herald.scheduler;
  requires transitive java.sql;
  requires org.slf4j;
  requires static com.h2database;
  requires static java.naming; // H2's JdbcDataSource is Referenceable

  exports dev.herald.scheduler.jdbc;
}
