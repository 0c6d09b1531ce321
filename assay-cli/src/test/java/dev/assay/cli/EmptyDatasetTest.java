package dev.assay.cli;

import static dev.assay.cli.InputErrorAssert.noRun;
import static dev.assay.cli.InputErrorAssert.oneLineInputError;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Probe 7: a dataset with no examples (an empty file, blank lines only, a CSV header without
 * rows) is an input error, not a run of zero examples whose metrics mean nothing.
 */
class EmptyDatasetTest {
  @TempDir Path dir;
  CliHarness cli;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(dir);
  }

  static Stream<Arguments> empty() {
    return Stream.of(
        Arguments.of("empty JSONL", "data.jsonl", ""),
        Arguments.of("blank JSONL lines", "data.jsonl", "\n  \n\r\n"),
        Arguments.of("empty CSV", "data.csv", ""),
        Arguments.of("blank CSV lines", "data.csv", "\n\n"),
        Arguments.of("CSV header only", "data.csv", "id,input,reference\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("empty")
  void noExamplesIsAnInputError(String name, String file, String content) throws Exception {
    cli.write(file, content);
    cli.write("suite.yaml", "dataset:\n  path: " + file + "\nsystems:\n  s:\n    type: fake\nmetrics: [exact_match]\n");
    CliHarness.Result r = cli.run("run", "suite.yaml");
    oneLineInputError(r, file + ": no examples");
    noRun(cli);
  }
}
