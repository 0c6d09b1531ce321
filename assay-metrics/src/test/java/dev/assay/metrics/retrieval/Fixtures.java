package dev.assay.metrics.retrieval;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** Locates trec_eval's test fixtures in the shared reference data; tests skip when absent. */
final class Fixtures {
  /** One line of trec_eval output. */
  record Line(String measure, String topic, String value) {}

  private Fixtures() {}

  static Path dir() {
    String prop = System.getProperty("assay.shared.data");
    Path base = prop != null ? Paths.get(prop) : Paths.get("..", "..", "shared", "data");
    if (!Files.isDirectory(base)) {
      base = Paths.get("..", "shared", "data");
    }
    return base.resolve("trec_eval").resolve("test");
  }

  /** The fixture file, skipping the calling test with a clear message when it is absent. */
  static Path file(String name) {
    Path p = dir().resolve(name);
    assumeTrue(Files.isRegularFile(p),
        "trec_eval fixture " + p.toAbsolutePath() + " not found (shared reference data absent): parity test skipped");
    return p;
  }

  static List<Line> expected(String name) throws IOException {
    List<Line> out = new ArrayList<>();
    for (String l : Files.readAllLines(file(name))) {
      if (l.isBlank()) {
        continue;
      }
      String[] f = l.split("\t");
      out.add(new Line(f[0].trim(), f[1].trim(), f[2].trim()));
    }
    return out;
  }
}
