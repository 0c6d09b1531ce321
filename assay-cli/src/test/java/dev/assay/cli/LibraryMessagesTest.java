package dev.assay.cli;

import static dev.assay.cli.InputErrorAssert.noRun;
import static dev.assay.cli.InputErrorAssert.oneLineInputError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Probe 6: errors say what is wrong in the user's terms, never in a library's: no Java class names
 * ({@code java.io.CharConversionException}, {@code java.time.Instant}), no Jackson features or
 * constraints ({@code StreamReadConstraints}), no {@code [Source: REDACTED ...]} locations.
 * {@link InputErrorAssert#oneLineInputError} checks for those on every case.
 */
class LibraryMessagesTest {
  @TempDir Path dir;
  CliHarness cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliHarness(dir);
    cli.write("data.jsonl", "{\"id\":\"a\",\"input\":\"x\"}\n");
    cli.write("a.jsonl", "{\"id\":\"a\",\"m\":1}\n");
  }

  private static byte[] bytes(String before, byte bad, String after) {
    byte[] a = before.getBytes(StandardCharsets.UTF_8);
    byte[] c = after.getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[a.length + 1 + c.length];
    System.arraycopy(a, 0, all, 0, a.length);
    all[a.length] = bad;
    System.arraycopy(c, 0, all, a.length + 1, c.length);
    return all;
  }

  @Test
  void invalidUtf8InASuiteNamesTheLine() throws Exception {
    Files.write(dir.resolve("suite.yaml"), bytes("dataset:\n  path: data.jsonl\nname: caf", (byte) 0xE9,
        "\nsystems:\n  s:\n    type: fake\nmetrics: [exact_match]\n"));
    CliHarness.Result r = cli.run("run", "suite.yaml");
    oneLineInputError(r, "suite.yaml:3: invalid UTF-8");
    assertThat(r.err()).doesNotContain("CharConversion", "byte #");
    noRun(cli);
  }

  @Test
  void invalidUtf8InAGateFileNamesTheLine() throws Exception {
    Files.write(dir.resolve("gate.yaml"), bytes("rules:\n  - {rule: superiority, metric: m", (byte) 0xFF, "}\n"));
    CliHarness.Result r = cli.run("compare", "a.jsonl", "a.jsonl", "--gate", "gate.yaml");
    oneLineInputError(r, "gate.yaml:2: invalid UTF-8");
  }

  @Test
  void invalidUtf8InAScoreFileNamesItsOwnLine() throws Exception {
    Files.write(dir.resolve("s.jsonl"), bytes("{\"id\":\"a\",\"m\":1}\n{\"id\":\"b\",\"m\":", (byte) 0xFF, "}\n"));
    CliHarness.Result r = cli.run("compare", "s.jsonl", "a.jsonl");
    oneLineInputError(r, "s.jsonl:2: invalid UTF-8");
  }

  static Stream<Arguments> brokenScoreLines() {
    return Stream.of(
        Arguments.of("{\"id\":\"a\",\"m\":[1,2}", "s.jsonl:1: invalid JSON at column"),
        Arguments.of("{\"id\":\"a\",\"m\":" + "[".repeat(1500) + "]".repeat(1500) + "}", "nested more than 1000 levels deep"),
        Arguments.of("{\"id\":\"a\",\"m\":1" + "0".repeat(1200) + "}", "a number longer than 1000 characters"),
        Arguments.of("{\"id\":\"a\u0001\",\"m\":1}", "control character U+0001 inside a string"),
        Arguments.of("{\"id\":\"a\",\"m\":1} {}", "more than one value"),
        Arguments.of("{\"id\":\"a\",\"m\":NaN}", "s.jsonl:1: invalid JSON"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("brokenScoreLines")
  void jsonProblemsInScoreFilesAreInUserTerms(String line, String message) throws Exception {
    cli.write("s.jsonl", line + "\n");
    CliHarness.Result r = cli.run("compare", "s.jsonl", "a.jsonl");
    oneLineInputError(r, message);
    assertThat(r.err()).doesNotContain("`", "StreamRead", "Feature", "CTRL-CHAR");
  }

  @Test
  void malformedRunExportNamesTheField() throws Exception {
    cli.write("export.json", "{\"run_id\":\"r\",\"format_version\":1,\"started_at\":\"yesterday\",\"examples\":[]}");
    CliHarness.Result r = cli.run("compare", "export.json", "a.jsonl");
    oneLineInputError(r, "export.json: field 'started_at': malformed run record");
    assertThat(r.err()).doesNotContain("Instant", "DateTimeParse", "`");
  }

  @Test
  void brokenDatasetLineIsInUserTerms() throws Exception {
    cli.write("data.jsonl", "{\"id\":\"a\",\"input\":\"x\"]\n");
    cli.write("suite.yaml", "dataset:\n  path: data.jsonl\nsystems:\n  s:\n    type: fake\nmetrics: [exact_match]\n");
    CliHarness.Result r = cli.run("run", "suite.yaml");
    oneLineInputError(r, "data.jsonl:1: invalid JSON at column");
  }
}
