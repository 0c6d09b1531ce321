package dev.assay.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;

/**
 * Opens a pooled connection to one assay component's schema in a PostgreSQL database and brings
 * that schema up to date with Flyway.
 *
 * <p>Invariants: every component (the run store, MLflow tracking, ...) owns one PostgreSQL schema
 * (namespace) with its own Flyway history table, so components share a database without seeing
 * each other's tables, and each migrates on its own. Every pooled connection has that schema as
 * its search path, so SQL names tables unqualified. Migrations are forward only; a database
 * migrated by a newer assay (a version this code does not know) is refused, not misread.
 * Passwords never appear in messages ({@link #redact}).
 */
public final class PostgresDatabase {
  /** The JDBC URL prefix of a PostgreSQL database. */
  public static final String URL_PREFIX = "jdbc:postgresql:";

  private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&]*");
  /** Credentials written before the host: {@code //user:secret@host}. */
  private static final Pattern USER_INFO = Pattern.compile("//[^/@?]*@");

  private PostgresDatabase() {}

  /** Whether {@code location} names a PostgreSQL database rather than a file. */
  public static boolean isUrl(String location) {
    return location != null && location.startsWith(URL_PREFIX);
  }

  /** The URL with any password (a {@code password=} parameter, or credentials before the host) replaced, for messages. */
  public static String redact(String jdbcUrl) {
    String bare = USER_INFO.matcher(jdbcUrl).replaceAll("//***@");
    return PASSWORD.matcher(bare).replaceAll("$1***");
  }

  /**
   * A connection pool to {@code schema} of the database at {@code jdbcUrl}, migrated to the latest
   * version of the Flyway scripts under {@code migrations} (a classpath folder).
   *
   * @param user the user, or null to take it from the URL
   * @param password the password, or null to take it from the URL
   * @param poolSize the most connections open at once (at least 2: a streaming read holds one)
   * @throws IllegalStateException naming the (redacted) URL when the database cannot be reached or
   *     migrated
   */
  public static HikariDataSource open(String jdbcUrl, String user, String password, String schema,
      String migrations, int poolSize) {
    if (!isUrl(jdbcUrl)) {
      throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + redact(jdbcUrl));
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    if (user != null) {
      config.setUsername(user);
    }
    if (password != null) {
      config.setPassword(password);
    }
    config.setMaximumPoolSize(Math.max(2, poolSize));
    config.setMinimumIdle(1);
    config.setPoolName("assay-" + schema);
    // The search path names the component's schema even before Flyway has created it.
    config.setSchema(schema);
    // Statements are prepared once per connection and reused; arrays travel as one parameter.
    config.addDataSourceProperty("prepareThreshold", "1");
    config.addDataSourceProperty("ApplicationName", "assay");
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot connect to the PostgreSQL database " + redact(jdbcUrl) + ": "
          + scrub(rootMessage(e), jdbcUrl), e);
    }
    try {
      // FlywayException (a RuntimeException) for a failed or refused migration.
      Flyway.configure()
          .dataSource(pool)
          .schemas(schema)
          .createSchemas(true)
          .locations("classpath:" + migrations)
          // Refuse a database with migrations newer than this code rather than ignore them.
          .ignoreMigrationPatterns(new String[0])
          .load()
          .migrate();
    } catch (RuntimeException e) {
      pool.close();
      throw new IllegalStateException("cannot prepare the schema " + schema + " in " + redact(jdbcUrl) + ": "
          + scrub(rootMessage(e), jdbcUrl), e);
    }
    return pool;
  }

  /**
   * {@code message} without the URL's secrets: the driver quotes parts of the URL in its messages
   * (credentials before the host come back as part of the "host"), so redacting the URL is not enough.
   */
  static String scrub(String message, String jdbcUrl) {
    String out = message;
    java.util.regex.Matcher info = Pattern.compile("//([^/@?]*)@").matcher(jdbcUrl);
    if (info.find() && !info.group(1).isEmpty()) {
      out = out.replace(info.group(1), "***");
    }
    java.util.regex.Matcher pw = Pattern.compile("(?i)password=([^&]*)").matcher(jdbcUrl);
    while (pw.find()) {
      if (!pw.group(1).isEmpty()) {
        out = out.replace(pw.group(1), "***");
      }
    }
    return out;
  }

  private static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    String m = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    // One line: Flyway's messages span several, the last ones links to its documentation.
    return String.join(" ", m.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.contains("://")).toList());
  }
}
