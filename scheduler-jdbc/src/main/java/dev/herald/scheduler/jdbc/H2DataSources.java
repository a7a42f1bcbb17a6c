package dev.herald.scheduler.jdbc;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** Embedded H2 data sources for the no-database default. */
final class H2DataSources {
  private H2DataSources() {}

  /**
   * An embedded H2 database in {@code file} (H2 appends {@code .mv.db}), kept open until the JVM
   * exits so that each connection is cheap.
   */
  static DataSource file(Path file) {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:file:" + file.toAbsolutePath() + ";DB_CLOSE_DELAY=-1");
    ds.setUser("sa");
    ds.setPassword("");
    return ds;
  }
}
