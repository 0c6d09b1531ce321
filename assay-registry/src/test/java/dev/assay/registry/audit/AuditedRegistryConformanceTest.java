package dev.assay.registry.audit;

import dev.assay.core.registry.Registry;
import dev.assay.testkit.InMemoryAuditLog;
import dev.assay.testkit.InMemoryRegistry;
import dev.assay.testkit.InMemoryStore;
import dev.assay.testkit.RegistryConformance;
import java.nio.file.Path;
import java.time.Clock;

/** The audit decorator is transparent: over the in-memory doubles it keeps every invariant of a Registry. */
class AuditedRegistryConformanceTest extends RegistryConformance {
  @Override
  protected Registry openRegistry(Path dir) {
    return AuditedStore.open(new InMemoryStore(), new InMemoryRegistry(), new InMemoryAuditLog(), "local:test",
        Clock.systemUTC());
  }

  @Override
  protected boolean supportsReopen() {
    return false;
  }
}
