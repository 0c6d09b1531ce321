package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad input gives one line {@code error: FILE:LINE: ...} on stderr, exit code 2, no
 * stack trace, and no run in the store.
 */
class InputErrorsTest {
  @TempDir Path dir;
  CliHarness cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliHarness(dir);
  }

  static Stream<Arguments> cases() {
    String okData = "{\"id\":\"a\",\"input\":\"x\",\"reference\":\"X\"}\n{\"id\":\"b\",\"input\":\"y\",\"reference\":\"Y\"}\n";
    String okSuite = "dataset:\n  path: data.jsonl\nsystems:\n  s:\n    type: fake\nmetrics: [exact_match]\n";
    return Stream.of(
        Arguments.of("missing suite file", null, okData, "error: ", "not found"),
        Arguments.of("broken JSON line", okSuite, okData + "{\"id\":\"c\",\"input\":\n", "data.jsonl:3:", ""),
        Arguments.of("duplicate id", okSuite, okData + "{\"id\":\"a\",\"input\":\"z\"}\n", "data.jsonl:3:",
            "duplicate id 'a'"),
        Arguments.of("missing input field", okSuite, "{\"id\":\"a\",\"question\":\"x\"}\n", "data.jsonl:1:",
            "input"),
        Arguments.of("wrong type of id", okSuite, "{\"id\":[1],\"input\":\"x\"}\n", "data.jsonl:1:", "id"),
        Arguments.of("unknown adapter", okSuite.replace("type: fake", "type: fakee"), okData, "suite.yaml:5:",
            "did you mean 'fake'"),
        Arguments.of("unknown YAML key", okSuite + "concurency: 4\n", okData, "suite.yaml:7:",
            "did you mean 'concurrency'"),
        Arguments.of("unknown metric", okSuite.replace("exact_match", "exact_mach"), okData, "suite.yaml:6:",
            "did you mean 'exact_match'"),
        Arguments.of("wrong type in suite", okSuite + "concurrency: many\n", okData, "suite.yaml:7:",
            "concurrency"),
        Arguments.of("missing dataset", okSuite.replace("data.jsonl", "nothere.jsonl"), okData, "nothere.jsonl",
            "not found"),
        Arguments.of("bad predictions file", okSuite.replace("type: fake", "type: predictions\n    path: p.jsonl"),
            okData, "p.jsonl", ""),
        Arguments.of("YAML syntax", "dataset: [\n", okData, "suite.yaml:", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void badInputIsOneLineExitTwoAndNoRun(String name, String suite, String data, String where, String what)
      throws Exception {
    cli.write("data.jsonl", data);
    cli.write("p.jsonl", "{\"id\":\"a\",\"output\":\"X\"}\nnot json\n");
    if (suite != null) {
      cli.write("suite.yaml", suite);
    }
    CliHarness.Result r = cli.run("run", "suite.yaml");
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).as(r.toString()).startsWith("error: ").contains(where).contains(what);
    assertThat(r.err().strip().lines()).as("one line: " + r).hasSize(1);
    assertThat(r.err()).doesNotContain("\tat ", "Exception");
    assertThat(r.out()).isEmpty();
    CliHarness.Result list = cli.run("runs", "list", "--format", "json");
    assertThat(list.out()).as("no run was created").contains("\"runs\" : [ ]");
  }

  @org.junit.jupiter.api.Test
  void invalidUtf8IsReportedWithItsLine() throws Exception {
    cli.write("suite.yaml", "dataset:\n  path: data.jsonl\nsystems:\n  s:\n    type: fake\nmetrics: [exact_match]\n");
    byte[] good = "{\"id\":\"a\",\"input\":\"x\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] bad = {'{', '"', 'i', 'd', '"', ':', '"', 'b', '"', ',', '"', 'i', 'n', 'p', 'u', 't', '"', ':', '"',
        (byte) 0xC3, (byte) 0x28, '"', '}', '\n'};
    byte[] all = new byte[good.length + bad.length];
    System.arraycopy(good, 0, all, 0, good.length);
    System.arraycopy(bad, 0, all, good.length, bad.length);
    Files.write(dir.resolve("data.jsonl"), all);
    CliHarness.Result r = cli.run("run", "suite.yaml");
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("data.jsonl:2:").contains("UTF-8");
  }
}
