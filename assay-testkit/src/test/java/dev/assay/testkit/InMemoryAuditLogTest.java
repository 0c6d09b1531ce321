package dev.assay.testkit;

import dev.assay.core.audit.AuditLog;
import java.nio.file.Path;

class InMemoryAuditLogTest extends AuditLogConformance {
  @Override
  protected AuditLog openLog(Path dir) {
    return new InMemoryAuditLog();
  }

  @Override
  protected boolean supportsReopen() {
    return false;
  }
}
