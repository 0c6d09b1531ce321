package dev.assay.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.core.registry.Model;
import dev.assay.core.registry.Registry;
import dev.assay.testkit.RegistryConformance;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SqliteRegistryTest extends RegistryConformance {
  private SqliteStore store;

  @Override
  protected Registry openRegistry(Path dir) {
    store = SqliteStore.open(dir.resolve("assay.db"));
    return store.registry();
  }

  @Override
  protected void closeRegistry() {
    if (store != null) {
      store.close();
      store = null;
    }
  }

  @Test
  void storedVersionsCannotBeEditedOrDeletedThroughSql() throws SQLException {
    registry.createModel(new Model("m", Instant.EPOCH, "a", null));
    registry.addVersion(new dev.assay.core.registry.ModelVersion("m", 0, Instant.EPOCH, "a",
        new dev.assay.core.SystemSpec("s", "predictions", null, 0), null, null, null, null, null));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("assay.db"));
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeUpdate("UPDATE model_versions SET content_hash = 'x'"))
          .hasMessageContaining("never changed");
      assertThatThrownBy(() -> s.executeUpdate("DELETE FROM model_versions")).hasMessageContaining("never deleted");
    }
    assertThat(registry.versions("m")).hasSize(1);
  }
}
