package dev.assay.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreLocationTest {
  @TempDir Path cwd;

  @Test
  void theOptionWinsOverTheEnvironment() {
    Path p = StoreLocation.resolve("/data/runs.db", Map.of("ASSAY_STORE", "/env/other.db"), cwd);
    assertThat(p).isEqualTo(Path.of("/data/runs.db"));
  }

  @Test
  void theEnvironmentIsUsedWithoutAnOption() {
    assertThat(StoreLocation.resolve(null, Map.of("ASSAY_STORE", "/env/other.db"), cwd))
        .isEqualTo(Path.of("/env/other.db"));
  }

  @Test
  void withNeitherTheStoreIsInTheWorkingDirectory() {
    assertThat(StoreLocation.resolve(null, Map.of(), cwd)).isEqualTo(cwd.resolve(".assay/assay.db"));
  }

  @Test
  void blankValuesCountAsAbsent() {
    assertThat(StoreLocation.resolve("  ", Map.of("ASSAY_STORE", ""), cwd)).isEqualTo(cwd.resolve(".assay/assay.db"));
    assertThat(StoreLocation.resolve("", Map.of("ASSAY_STORE", "/env/x.db"), cwd)).isEqualTo(Path.of("/env/x.db"));
  }

  @Test
  void aDirectoryMeansTheStoreFileInsideIt() throws Exception {
    Path existing = Files.createDirectory(cwd.resolve("shared"));
    assertThat(StoreLocation.resolve(existing.toString(), Map.of(), cwd)).isEqualTo(existing.resolve("assay.db"));
    assertThat(StoreLocation.resolve(null, Map.of("ASSAY_STORE", "shared"), cwd)).isEqualTo(existing.resolve("assay.db"));
    assertThat(StoreLocation.resolve("not-yet/", Map.of(), cwd)).isEqualTo(cwd.resolve("not-yet/assay.db"));
  }

  @Test
  void relativePathsResolveAgainstTheWorkingDirectory() {
    assertThat(StoreLocation.resolve("runs/../team.db", Map.of(), cwd)).isEqualTo(cwd.resolve("team.db"));
  }

  @Test
  void theCacheSitsBesideTheStore() {
    assertThat(StoreLocation.cacheFor(cwd.resolve(".assay/assay.db"))).isEqualTo(cwd.resolve(".assay/cache.db"));
  }
}
