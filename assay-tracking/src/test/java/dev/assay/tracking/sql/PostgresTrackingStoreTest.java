package dev.assay.tracking.sql;

import dev.assay.testkit.LocalPostgres;
import dev.assay.tracking.TrackingStore;
import dev.assay.tracking.TrackingStoreConformance;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The tracking conformance kit against a real PostgreSQL, one fresh database per test. */
class PostgresTrackingStoreTest extends TrackingStoreConformance {
  private static final Map<Path, String> DATABASES = new ConcurrentHashMap<>();

  @Override
  protected TrackingStore openStore(Path dir) {
    return PostgresTrackingStore.open(DATABASES.computeIfAbsent(dir,
        d -> LocalPostgres.shared().createDatabase("tracking")));
  }
}
