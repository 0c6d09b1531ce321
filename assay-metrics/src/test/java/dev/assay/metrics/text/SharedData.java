package dev.assay.metrics.text;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assumptions;

/** Locates ../shared/data: the surefire property, else relative to the project root. */
final class SharedData {
  private SharedData() {}

  /** The file under the shared data folder; skips the calling test (with the path) when absent. */
  static Path require(String relative) {
    String prop = System.getProperty("assay.shared.data");
    Path root = prop != null ? Paths.get(prop) : Paths.get("..", "..", "shared", "data");
    if (prop == null && !Files.isDirectory(root)) {
      root = Paths.get("..", "shared", "data");
    }
    Path file = root.resolve(relative);
    Assumptions.assumeTrue(Files.isRegularFile(file),
        "shared reference data not found at " + file.toAbsolutePath() + "; parity test skipped");
    return file;
  }
}
