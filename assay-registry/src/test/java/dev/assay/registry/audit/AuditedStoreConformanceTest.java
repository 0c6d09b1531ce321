package dev.assay.registry.audit;

import dev.assay.core.Store;
import dev.assay.store.SqliteStore;
import dev.assay.testkit.StoreConformance;
import java.nio.file.Path;
import java.time.Clock;

/** The audit decorator is transparent: over a SQLite store it keeps every invariant of a Store. */
class AuditedStoreConformanceTest extends StoreConformance {
  @Override
  protected Store openStore(Path dir) {
    SqliteStore sqlite = SqliteStore.open(dir.resolve("assay.db"));
    return AuditedStore.open(sqlite, sqlite.registry(), sqlite.auditLog(), "local:test", Clock.systemUTC());
  }
}
