package dev.assay.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.core.InputException;
import dev.assay.core.Store;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoresTest {
  @TempDir Path dir;

  @Test
  void noUrlOpensTheEmbeddedFile() {
    Path file = dir.resolve("a.db");
    try (Store s = Stores.open(null, file)) {
      assertThat(s).isInstanceOf(SqliteStore.class);
      assertThat(((SqliteStore) s).file()).isEqualTo(file);
    }
  }

  @Test
  void aSqliteUrlOpensThatFile() {
    Path file = dir.resolve("b.db");
    try (Store s = Stores.open("jdbc:sqlite:" + file, dir.resolve("unused.db"))) {
      assertThat(((SqliteStore) s).file()).isEqualTo(file);
    }
    assertThat(dir.resolve("unused.db")).doesNotExist();
  }

  @Test
  void postgresqlIsNamedAsNotBuiltInAndThePasswordIsNotEchoed() {
    assertThatThrownBy(() -> Stores.open("jdbc:postgresql://user:secret@db/assay?password=hunter2", dir.resolve("x.db")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("PostgreSQL store is not built into this assay yet")
        .hasMessageNotContaining("hunter2").hasMessageNotContaining("secret");
  }

  @Test
  void otherUrlsAreRefused() {
    assertThatThrownBy(() -> Stores.open("jdbc:mysql://db/x", dir.resolve("x.db"))).isInstanceOf(InputException.class)
        .hasMessageContaining("not a store URL");
    assertThatThrownBy(() -> Stores.open("jdbc:sqlite::memory:", dir.resolve("x.db")))
        .isInstanceOf(InputException.class).hasMessageContaining("names no store file");
  }
}
