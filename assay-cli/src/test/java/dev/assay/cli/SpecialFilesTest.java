package dev.assay.cli;

import static dev.assay.cli.InputErrorAssert.noRun;
import static dev.assay.cli.InputErrorAssert.oneLineInputError;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Probe 3: a FIFO, a device, a directory or a symlink loop given where a file is expected (dataset,
 * suite, gate, score file, predictions file) is reported as what it is, in one line, and never
 * blocks. Before the fix a FIFO or a directory was "file not found", and a FIFO given as a score
 * or predictions file blocked forever.
 */
class SpecialFilesTest {
  private static final String SUITE = "dataset:\n  path: DATA\nsystems:\n  s:\n    type: fake\nmetrics: [exact_match]\n";
  private static final String PREDICTIONS_SUITE = "dataset:\n  path: data.jsonl\nsystems:\n  s:\n"
      + "    type: predictions\n    path: DATA\nmetrics: [exact_match]\n";
  /** Blocking on a FIFO would hang; anything that answers at all answers at once. */
  private static final Duration QUICK = Duration.ofSeconds(10);

  @TempDir Path dir;
  CliHarness cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliHarness(dir);
    // With a reference, so every metric applies and the special file is the only fault.
    cli.write("data.jsonl", "{\"id\":\"a\",\"input\":\"x\",\"reference\":\"x\"}\n");
    cli.write("a.jsonl", "{\"id\":\"a\",\"m\":1}\n{\"id\":\"b\",\"m\":0}\n");
  }

  /** The special files, each with what assay must call it. */
  static Stream<Arguments> kinds() {
    return Stream.of(
        Arguments.of("fifo", "not a regular file: a FIFO (named pipe)"),
        Arguments.of("devzero", "not a regular file: a character device"),
        Arguments.of("folder", "not a regular file: a directory"),
        Arguments.of("loop", "symlink loop"),
        Arguments.of("dangling", "broken symlink (its target does not exist)"));
  }

  /** Creates the special file {@code kind} as {@code name} in the work folder. */
  private Path make(String kind, String name) throws Exception {
    Path p = dir.resolve(name);
    switch (kind) {
      case "fifo" -> {
        Process mk;
        try {
          mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
        } catch (java.io.IOException e) {
          mk = null;
        }
        assumeTrue(mk != null && mk.waitFor() == 0, "mkfifo is not available");
      }
      case "devzero" -> {
        assumeTrue(Files.exists(Path.of("/dev/zero")), "no /dev/zero");
        Files.createSymbolicLink(p, Path.of("/dev/zero"));
      }
      case "folder" -> Files.createDirectory(p);
      case "loop" -> {
        Path other = dir.resolve(name + ".other");
        Files.createSymbolicLink(p, other.getFileName());
        Files.createSymbolicLink(other, p.getFileName());
      }
      case "dangling" -> Files.createSymbolicLink(p, dir.resolve("nothing-here"));
      default -> throw new IllegalArgumentException(kind);
    }
    return p;
  }

  private void check(String kind, String what, String name, Function<String, CliHarness.Result> command)
      throws Exception {
    make(kind, name);
    CliHarness.Result r = assertTimeoutPreemptively(QUICK, () -> command.apply(name));
    oneLineInputError(r, name, what);
  }

  @ParameterizedTest(name = "dataset: {0}")
  @MethodSource("kinds")
  void asDataset(String kind, String what) throws Exception {
    cli.write("suite.yaml", SUITE.replace("DATA", "special.jsonl"));
    check(kind, what, "special.jsonl", f -> cli.run("run", "suite.yaml"));
    noRun(cli);
  }

  @ParameterizedTest(name = "suite: {0}")
  @MethodSource("kinds")
  void asSuite(String kind, String what) throws Exception {
    check(kind, what, "special.yaml", f -> cli.run("run", f));
  }

  @ParameterizedTest(name = "gate: {0}")
  @MethodSource("kinds")
  void asGate(String kind, String what) throws Exception {
    check(kind, what, "special.yaml", f -> cli.run("compare", "a.jsonl", "a.jsonl", "--gate", f));
  }

  @ParameterizedTest(name = "score file: {0}")
  @MethodSource("kinds")
  void asScoreFile(String kind, String what) throws Exception {
    check(kind, what, "special.jsonl", f -> cli.run("compare", f, "a.jsonl"));
  }

  @ParameterizedTest(name = "predictions in a suite: {0}")
  @MethodSource("kinds")
  void asPredictionsOfASuite(String kind, String what) throws Exception {
    cli.write("suite.yaml", PREDICTIONS_SUITE.replace("DATA", "special.jsonl"));
    check(kind, what, "special.jsonl", f -> cli.run("run", "suite.yaml"));
    noRun(cli);
  }

  @ParameterizedTest(name = "predictions to score: {0}")
  @MethodSource("kinds")
  void asPredictionsToScore(String kind, String what) throws Exception {
    check(kind, what, "special.jsonl",
        f -> cli.run("score", "text", "--predictions", f, "--references", "data.jsonl", "--metrics", "exact_match"));
  }
}
