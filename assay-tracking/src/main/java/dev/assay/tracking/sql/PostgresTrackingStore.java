package dev.assay.tracking.sql;

import com.zaxxer.hikari.HikariDataSource;
import dev.assay.store.PostgresDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

/**
 * MLflow tracking data in PostgreSQL, in the schema {@value #SCHEMA} beside the run store's,
 * migrated by Flyway (scripts under {@value #MIGRATIONS}).
 *
 * <p>Invariants: connections come from a pool, so logging from many clients proceeds in parallel;
 * each write is one transaction; PostgreSQL's MVCC gives every read a consistent snapshot.
 */
public final class PostgresTrackingStore extends JdbcTrackingStore {
  /** The PostgreSQL schema (namespace) of the tracking tables. */
  public static final String SCHEMA = "assay_tracking";
  /** Where the Flyway scripts live on the classpath. */
  public static final String MIGRATIONS = "db/assay-tracking/postgresql";

  private static final int POOL_SIZE = 8;

  private final HikariDataSource pool;
  private volatile boolean closed;

  private PostgresTrackingStore(String jdbcUrl, String user, String password, Clock clock) {
    super(Dialect.POSTGRES, PostgresDatabase.redact(jdbcUrl));
    this.pool = PostgresDatabase.open(jdbcUrl, user, password, SCHEMA, MIGRATIONS, POOL_SIZE);
    try {
      ensureDefaultExperiment(clock.millis());
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /** Opens the tracking schema of the database at {@code jdbcUrl} (credentials in the URL). */
  public static PostgresTrackingStore open(String jdbcUrl) {
    return new PostgresTrackingStore(jdbcUrl, null, null, Clock.systemUTC());
  }

  /** Opens it with credentials given apart from the URL (either may be null). */
  public static PostgresTrackingStore open(String jdbcUrl, String user, String password, Clock clock) {
    return new PostgresTrackingStore(jdbcUrl, user, password, clock);
  }

  @Override
  protected <T> T write(SqlWork<T> work) {
    checkOpen();
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot write the tracking store " + display + ": " + e.getMessage(), e);
    }
  }

  @Override
  protected <T> T read(SqlWork<T> work) {
    checkOpen();
    try (Connection c = pool.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the tracking store " + display + ": " + e.getMessage(), e);
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the tracking store " + display + " is closed");
    }
  }

  @Override
  public void close() {
    closed = true;
    pool.close();
  }
}
