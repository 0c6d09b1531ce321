package dev.assay.cli;

import static dev.assay.cli.InputErrorAssert.noRun;
import static dev.assay.cli.InputErrorAssert.oneLineInputError;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Probe 1: a "billion laughs" YAML file (nested anchors and aliases), a deeply nested one and an
 * oversized one are refused in well under a second with one line naming the file, for suites and
 * for gate files alike. Before the fix the alias bomb ran for a minute and died of
 * OutOfMemoryError with a stack trace.
 */
class YamlLimitsTest {
  private static final String SUITE_HEAD = "dataset:\n  path: data.jsonl\nsystems:\n  s:\n    type: fake\n"
      + "metrics: [exact_match]\n";
  /** The bomb can only be refused fast; anything slower means it is being expanded. */
  private static final Duration FAST = Duration.ofSeconds(1);

  @TempDir Path dir;
  CliHarness cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliHarness(dir);
    cli.write("data.jsonl", "{\"id\":\"a\",\"input\":\"x\"}\n");
    cli.write("a.jsonl", "{\"id\":\"a\",\"m\":1}\n{\"id\":\"b\",\"m\":0}\n");
    cli.write("b.jsonl", "{\"id\":\"a\",\"m\":1}\n{\"id\":\"b\",\"m\":1}\n");
    cli.run("runs", "list"); // start the store (and the JIT) outside the timed part
  }

  /** x0 holds 9 strings; each next anchor holds 9 aliases of the previous: 9^10 values in all. */
  static String bomb() {
    StringBuilder sb = new StringBuilder("x0: &x0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i <= 9; i++) {
      sb.append("x").append(i).append(": &x").append(i).append(" [");
      for (int j = 0; j < 9; j++) {
        sb.append(j == 0 ? "" : ", ").append("*x").append(i - 1);
      }
      sb.append("]\n");
    }
    return sb.toString();
  }

  @Test
  void aliasBombInASuiteFailsFastWithOneLine() throws Exception {
    cli.write("suite.yaml", SUITE_HEAD + "description: lol\n" + bomb());
    CliHarness.Result r = assertTimeoutPreemptively(FAST, () -> cli.run("run", "suite.yaml"));
    oneLineInputError(r, "suite.yaml:", "more than 100000 values");
    noRun(cli);
  }

  @Test
  void aliasBombInAGateFileFailsFastWithOneLine() throws Exception {
    cli.write("gate.yaml", "rules:\n  - {rule: superiority, metric: m}\n" + bomb());
    CliHarness.Result r = assertTimeoutPreemptively(FAST,
        () -> cli.run("compare", "a.jsonl", "b.jsonl", "--gate", "gate.yaml"));
    oneLineInputError(r, "gate.yaml:", "more than 100000 values");
  }

  @Test
  void deepNestingIsRefused() throws Exception {
    String deep = "[".repeat(5000) + "]".repeat(5000);
    cli.write("suite.yaml", SUITE_HEAD + "description: " + deep + "\n");
    CliHarness.Result r = assertTimeoutPreemptively(FAST, () -> cli.run("run", "suite.yaml"));
    oneLineInputError(r, "suite.yaml:7:", "nested too deeply");
  }

  @Test
  void oversizedSuiteIsRefusedBeforeParsing() throws Exception {
    cli.write("suite.yaml", SUITE_HEAD + "description: \"" + "x".repeat(2 << 20) + "\"\n");
    CliHarness.Result r = assertTimeoutPreemptively(FAST, () -> cli.run("run", "suite.yaml"));
    oneLineInputError(r, "suite.yaml: file too large", "at most 1 MiB");
    Files.delete(dir.resolve("suite.yaml"));
  }
}
