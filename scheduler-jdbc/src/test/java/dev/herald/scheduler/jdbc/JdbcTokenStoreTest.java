package dev.herald.scheduler.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.herald.scheduler.contract.TokenStoreContract;
import dev.herald.scheduler.credentials.TokenStore;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/**
 * The {@link TokenStoreContract} from scheduler-core, unchanged, against {@link JdbcTokenStore} on
 * H2 (memory and file), PostgreSQL and MariaDB. {@link #sameStorage()} is another store on a pool
 * of its own, as another node (or the application after a restart) has.
 */
class JdbcTokenStoreTest {

  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  abstract static class OnDatabase extends TokenStoreContract {
    private final String prefix = TestDatabase.uniquePrefix("tokens");
    private DataSource dataSource;
    private HikariDataSource otherNode;

    abstract TestDatabase database();

    @Override
    protected TokenStore newStore() {
      dataSource = database().dataSource();
      JdbcTokenStore store = JdbcTokenStore.builder(dataSource).tablePrefix(prefix)
          .encryption(TestKeys.DEFAULT).build();
      database().deleteRows(dataSource, prefix);
      return store;
    }

    @Override
    protected TokenStore sameStorage() {
      if (otherNode == null) {
        otherNode = database().newPool(4);
      }
      return JdbcTokenStore.builder(otherNode).tablePrefix(prefix)
          .schemaMode(SchemaMode.VALIDATE).encryption(TestKeys.DEFAULT).build();
    }

    @AfterAll
    void dropTables() {
      if (otherNode != null) {
        otherNode.close();
      }
      if (dataSource != null) {
        database().dropTables(dataSource, prefix);
      }
    }
  }

  @Nested
  class OnH2Memory extends OnDatabase {
    @Override
    TestDatabase database() {
      return TestDatabase.H2_MEM;
    }
  }

  @Nested
  class OnH2File extends OnDatabase {
    @Override
    TestDatabase database() {
      return TestDatabase.H2_FILE;
    }
  }

  @Nested
  class OnPostgresql extends OnDatabase {
    @Override
    TestDatabase database() {
      return TestDatabase.POSTGRESQL;
    }
  }

  @Nested
  class OnMariadb extends OnDatabase {
    @Override
    TestDatabase database() {
      return TestDatabase.MARIADB;
    }
  }
}
