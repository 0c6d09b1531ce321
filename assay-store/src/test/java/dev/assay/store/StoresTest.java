package dev.assay.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.core.InputException;
import dev.assay.core.Store;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoresTest {
  @TempDir Path dir;

  @Test
  void noLocationOpensTheDefaultFileAndThePathOrVariableWins() {
    assertThat(Stores.locate(null, Map.of(), dir)).isEqualTo(new Stores.Location(null, dir.resolve(".assay/assay.db")));
    assertThat(Stores.locate("a.db", Map.of(StoreLocation.ENV, "b.db"), dir).file()).isEqualTo(dir.resolve("a.db"));
    assertThat(Stores.locate(" ", Map.of(StoreLocation.ENV, "b.db"), dir).file()).isEqualTo(dir.resolve("b.db"));
    Path file = dir.resolve("a.db");
    try (Store s = Stores.open(Stores.locate("a.db", Map.of(), dir), Map.of())) {
      assertThat(((SqliteStore) s).file()).isEqualTo(file);
    }
  }

  @Test
  void aSqliteUrlOpensThatFile() {
    Path file = dir.resolve("b.db");
    Stores.Location at = Stores.locate("jdbc:sqlite:" + file, Map.of(), dir);
    assertThat(at.postgres()).isFalse();
    try (Store s = Stores.open(at, Map.of())) {
      assertThat(((SqliteStore) s).file()).isEqualTo(file);
    }
    assertThat(dir.resolve(".assay")).doesNotExist();
  }

  @Test
  void aPostgresqlUrlKeepsItsLocalFilesInTheWorkingDirectory() {
    Stores.Location at = Stores.locate("jdbc:postgresql://db:5433/assay?user=u&password=hunter2", Map.of(), dir);
    assertThat(at.postgres()).isTrue();
    assertThat(at.file()).isEqualTo(dir.resolve(".assay/assay.db"));
    assertThat(at.display()).contains("db:5433/assay").contains("password=***").doesNotContain("hunter2");
    assertThat(Stores.locate(null, Map.of(StoreLocation.ENV, "jdbc:postgresql://db/x"), dir).url())
        .isEqualTo("jdbc:postgresql://db/x");
  }

  @Test
  void anUnreachableDatabaseIsAnInputErrorWithoutItsPassword() {
    for (String url : new String[] {"jdbc:postgresql://127.0.0.1:1/none?user=u&password=hunter2",
        "jdbc:postgresql://u:hunter2@127.0.0.1:1/none"}) {
      assertThatThrownBy(() -> Stores.open(Stores.locate(url, Map.of(), dir), Map.of()))
          .as(url).isInstanceOf(InputException.class).hasMessageNotContaining("hunter2");
    }
  }

  @Test
  void otherUrlsAndMissingFilesAreRefused() {
    assertThatThrownBy(() -> Stores.locate("jdbc:mysql://db/x", Map.of(), dir)).isInstanceOf(InputException.class)
        .hasMessageContaining("not a store URL");
    assertThatThrownBy(() -> Stores.locate("jdbc:sqlite::memory:", Map.of(), dir))
        .isInstanceOf(InputException.class).hasMessageContaining("names no store file");
    assertThatThrownBy(() -> Stores.openExisting(Stores.locate("nowhere/x.db", Map.of(), dir), Map.of()))
        .isInstanceOf(InputException.class).hasMessageContaining("no store at");
    assertThat(dir.resolve("nowhere")).doesNotExist();
  }
}
