package dev.assay.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.core.Store;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryStoreTest extends StoreConformance {
  @Override
  protected Store openStore(Path dir) {
    return new InMemoryStore();
  }

  @Override
  protected boolean supportsReopen() {
    return false;
  }

  @Test
  void aClosedStoreRefusesWork() {
    store.createRun(fullRun("r", Instant.ofEpochMilli(1)));
    store.close();
    assertThatThrownBy(() -> store.append("r", List.of(ok("q", 0, 0, "a"))))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    assertThatThrownBy(() -> store.run("r")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void resultsAreTheObjectsAppended() {
    store.createRun(fullRun("r", Instant.ofEpochMilli(1)));
    var result = ok("q", 0, 0, "a");
    store.append("r", List.of(result));
    assertThat(store.results("r")).singleElement().isSameAs(result);
  }
}
