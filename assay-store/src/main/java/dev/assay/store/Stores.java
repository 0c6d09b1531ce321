package dev.assay.store;

import dev.assay.core.InputException;
import dev.assay.core.Store;
import dev.assay.core.text.TerminalText;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Opens the store a user named: a JDBC URL ({@code --db}) or else the embedded SQLite file
 * ({@code --store}, see {@link StoreLocation}). The one place that maps a URL to a {@code Store}
 * implementation, so a new kind of store (PostgreSQL) is added here and every command and the
 * server can use it.
 */
public final class Stores {
  /** The URL prefix of an embedded store file. */
  public static final String SQLITE = "jdbc:sqlite:";
  /** The URL prefix of a PostgreSQL database. */
  public static final String POSTGRESQL = "jdbc:postgresql:";

  private Stores() {}

  /**
   * Opens the store named by {@code dbUrl}, or the SQLite file {@code sqliteFile} when no URL is given.
   *
   * @param dbUrl a JDBC URL, or null/blank for the embedded store
   * @param sqliteFile the embedded store's file (already resolved)
   * @throws InputException when the URL names a kind of store this assay cannot open
   */
  public static Store open(String dbUrl, Path sqliteFile) {
    if (dbUrl == null || dbUrl.isBlank()) {
      return SqliteStore.open(sqliteFile);
    }
    String lower = dbUrl.toLowerCase(Locale.ROOT);
    if (lower.startsWith(SQLITE)) {
      String path = dbUrl.substring(SQLITE.length());
      if (path.isBlank() || path.startsWith(":memory:") || path.startsWith("file:")) {
        throw InputException.of("--db " + shown(dbUrl) + " names no store file", "jdbc:sqlite:PATH, e.g. "
            + "jdbc:sqlite:.assay/assay.db");
      }
      return SqliteStore.open(Path.of(path));
    }
    if (lower.startsWith(POSTGRESQL)) {
      throw InputException.of("the PostgreSQL store is not built into this assay yet (--db " + shown(dbUrl) + ")",
          "the embedded store: --store PATH, or --db jdbc:sqlite:PATH");
    }
    throw InputException.of("--db " + shown(dbUrl) + " is not a store URL this assay knows",
        "jdbc:sqlite:PATH (the embedded store) or jdbc:postgresql://HOST/DB");
  }

  /** The URL as shown in a message: without its query (which may carry a password), escaped. */
  private static String shown(String url) {
    int q = url.indexOf('?');
    String bare = q < 0 ? url : url.substring(0, q) + "?...";
    return "'" + TerminalText.escape(bare.replaceAll("//[^/@]*@", "//[redacted]@")) + "'";
  }
}
