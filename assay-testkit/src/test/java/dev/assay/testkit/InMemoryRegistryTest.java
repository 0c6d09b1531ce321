package dev.assay.testkit;

import dev.assay.core.registry.Registry;
import java.nio.file.Path;

class InMemoryRegistryTest extends RegistryConformance {
  @Override
  protected Registry openRegistry(Path dir) {
    return new InMemoryRegistry();
  }

  @Override
  protected boolean supportsReopen() {
    return false;
  }
}
