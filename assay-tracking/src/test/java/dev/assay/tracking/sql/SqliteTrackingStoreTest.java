package dev.assay.tracking.sql;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.tracking.TrackingStore;
import dev.assay.tracking.TrackingStoreConformance;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SqliteTrackingStoreTest extends TrackingStoreConformance {
  @Override
  protected TrackingStore openStore(Path dir) {
    return SqliteTrackingStore.open(dir.resolve("nested/tracking.db"));
  }

  @Test
  void theRunStoreFileIsNotOpenedAsATrackingFile() {
    dev.assay.store.SqliteStore.open(dir.resolve("assay.db")).close();
    assertThatThrownBy(() -> SqliteTrackingStore.open(dir.resolve("assay.db")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("not an assay MLflow tracking store");
  }
}
