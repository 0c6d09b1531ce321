package dev.assay.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.core.audit.AuditEvent;
import dev.assay.core.audit.AuditLog;
import dev.assay.testkit.AuditLogConformance;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqliteAuditLogTest extends AuditLogConformance {
  private SqliteStore store;

  @Override
  protected AuditLog openLog(Path dir) {
    store = SqliteStore.open(dir.resolve("assay.db"));
    return store.auditLog();
  }

  @Override
  protected void closeLog() {
    if (store != null) {
      store.close();
      store = null;
    }
  }

  @Test
  void entriesCannotBeEditedOrDeletedThroughSqlWhileTheTriggersStand() throws SQLException {
    log.append(Instant.EPOCH, "a", new AuditEvent("run.created", List.of("run:r"), "h"));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("assay.db"));
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeUpdate("UPDATE audit_log SET actor = 'mallory'"))
          .hasMessageContaining("never changed");
      assertThatThrownBy(() -> s.executeUpdate("DELETE FROM audit_log")).hasMessageContaining("never deleted");
    }
    assertThat(log.last().orElseThrow().actor()).isEqualTo("a");
  }
}
