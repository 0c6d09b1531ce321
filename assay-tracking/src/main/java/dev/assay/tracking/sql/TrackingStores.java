package dev.assay.tracking.sql;

import dev.assay.core.InputException;
import dev.assay.store.Stores;
import dev.assay.tracking.TrackingStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Opens the MLflow tracking data that belongs with a run store, wherever {@link Stores} located it:
 * for a PostgreSQL store, the schema {@value PostgresTrackingStore#SCHEMA} of the same database
 * (same URL and credentials); for an SQLite store, the file {@value #FILE} beside the store file
 * (an SQLite file holds one kind of assay database, see assay-store's {@code Schema}).
 */
public final class TrackingStores {
  /** The tracking file's name beside an SQLite store. */
  public static final String FILE = "tracking.db";

  private TrackingStores() {}

  /** The tracking file of the SQLite store at {@code storeFile}. */
  public static Path beside(Path storeFile) {
    return storeFile.resolveSibling(FILE);
  }

  /**
   * Opens (creating or migrating it) the tracking store of {@code location}.
   *
   * @param env the environment, for {@code PGUSER} and {@code PGPASSWORD}
   * @throws InputException when the PostgreSQL database cannot be reached or prepared
   */
  public static TrackingStore open(Stores.Location location, Map<String, String> env, Clock clock) {
    if (!location.postgres()) {
      return SqliteTrackingStore.open(beside(location.file()), clock);
    }
    try {
      return PostgresTrackingStore.open(location.url(), env.get(Stores.PGUSER), env.get(Stores.PGPASSWORD), clock);
    } catch (IllegalStateException e) {
      throw Stores.unreachable(e);
    }
  }
}
