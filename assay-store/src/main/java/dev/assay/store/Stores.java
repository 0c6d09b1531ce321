package dev.assay.store;

import dev.assay.core.InputException;
import dev.assay.core.Store;
import dev.assay.core.text.TerminalText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Opens the store a user named: the one place that maps a location to a {@code Store}
 * implementation, used by every command ({@code --store}, {@code ASSAY_STORE}), {@code assay store
 * migrate} and {@code assay serve} (whose {@code --db} is the same location under another name).
 *
 * <p>A location is {@code jdbc:postgresql://HOST[:PORT]/DB} (user and password in the URL, or in
 * {@value #PGUSER} and {@value #PGPASSWORD}), {@code jdbc:sqlite:PATH}, or a plain path of an
 * SQLite file (see {@link StoreLocation} for directories and the default). Any other {@code jdbc:}
 * URL is refused. Credentials never appear in messages.
 */
public final class Stores {
  /** The URL prefix of an embedded store file. */
  public static final String SQLITE = "jdbc:sqlite:";
  /** The URL prefix of a PostgreSQL database. */
  public static final String POSTGRESQL = PostgresDatabase.URL_PREFIX;
  /** The environment variable with the PostgreSQL user when the URL names none. */
  public static final String PGUSER = "PGUSER";
  /** The environment variable with the PostgreSQL password when the URL names none. */
  public static final String PGPASSWORD = "PGPASSWORD";

  private Stores() {}

  /**
   * Where a store is.
   *
   * @param url the PostgreSQL URL, or null for an SQLite store
   * @param file the SQLite store file; for a PostgreSQL store, {@code .assay/assay.db} of the working
   *     directory, beside which the files that stay local (response cache, token file) go
   */
  public record Location(String url, Path file) {
    /** Whether this is a PostgreSQL database rather than an SQLite file. */
    public boolean postgres() {
      return url != null;
    }

    /** For messages: the file, or the URL without credentials (not yet escaped for a terminal). */
    public String display() {
      return url != null ? PostgresDatabase.redact(url) : file.toString();
    }
  }

  /**
   * The location a user named: {@code option} (a command's {@code --store} or {@code --db}), else
   * {@value StoreLocation#ENV}, else {@code <cwd>/.assay/assay.db}.
   *
   * @throws InputException for a {@code jdbc:} URL of another kind, or a {@code jdbc:sqlite:} URL
   *     that names no file
   */
  public static Location locate(String option, Map<String, String> env, Path cwd) {
    String chosen = option != null && !option.isBlank() ? option : env.get(StoreLocation.ENV);
    if (chosen == null || chosen.isBlank()) {
      return new Location(null, StoreLocation.resolve(null, Map.of(), cwd));
    }
    String lower = chosen.toLowerCase(Locale.ROOT);
    if (lower.startsWith(POSTGRESQL)) {
      return new Location(chosen, StoreLocation.resolve(null, Map.of(), cwd));
    }
    if (lower.startsWith(SQLITE)) {
      String path = chosen.substring(SQLITE.length());
      if (path.isBlank() || path.startsWith(":memory:") || path.startsWith("file:")) {
        throw InputException.of("store " + shown(chosen) + " names no store file", "jdbc:sqlite:PATH, e.g. "
            + "jdbc:sqlite:.assay/assay.db");
      }
      return new Location(null, StoreLocation.resolve(path, Map.of(), cwd));
    }
    if (lower.startsWith("jdbc:")) {
      throw InputException.of("store " + shown(chosen) + " is not a store URL this assay knows",
          "a store file, jdbc:sqlite:PATH or jdbc:postgresql://HOST[:PORT]/DB");
    }
    return new Location(null, StoreLocation.resolve(chosen, Map.of(), cwd));
  }

  /**
   * Opens the store at {@code location}, creating or migrating it.
   *
   * @param env the environment, for {@value #PGUSER} and {@value #PGPASSWORD}
   * @throws InputException when a PostgreSQL database cannot be reached, signed into or prepared
   */
  public static Store open(Location location, Map<String, String> env) {
    if (!location.postgres()) {
      return SqliteStore.open(location.file());
    }
    try {
      return PostgresStore.open(location.url(), env.get(PGUSER), env.get(PGPASSWORD));
    } catch (IllegalStateException e) {
      throw unreachable(e);
    }
  }

  /** Opens a store that must already exist: an SQLite file that is not there is refused, not created. */
  public static Store openExisting(Location location, Map<String, String> env) {
    if (!location.postgres() && !Files.isRegularFile(location.file())) {
      throw InputException.of("no store at " + TerminalText.escape(location.file().toString()),
          "an assay store file (e.g. .assay/assay.db) or a jdbc:postgresql:// URL");
    }
    return open(location, env);
  }

  /**
   * A database that cannot be reached, signed into or prepared, as the user's input error: the
   * message names the URL without credentials (PostgresDatabase's messages already redact it).
   */
  public static InputException unreachable(IllegalStateException e) {
    return InputException.of(TerminalText.escape(e.getMessage()), "a reachable PostgreSQL database,"
        + " jdbc:postgresql://HOST[:PORT]/DB?user=USER (password in " + PGPASSWORD + ")");
  }

  /** A location as a message shows it: without credentials, escaped. */
  private static String shown(String location) {
    return "'" + TerminalText.escape(PostgresDatabase.redact(location)) + "'";
  }
}
