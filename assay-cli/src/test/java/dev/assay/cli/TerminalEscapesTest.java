package dev.assay.cli;

import static dev.assay.cli.InputErrorAssert.oneLineInputError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Probe 5: text from files (dataset ids, suite names, metric names in score files) reaches the
 * terminal with its control characters escaped: no raw ESC or BEL (clear screen, set the window
 * title), no C1 control, no bidirectional override. Before the fix a duplicate id and a suite name
 * were printed raw.
 */
class TerminalEscapesTest {
  /** Clear the screen, then set the window title (OSC 0 ... BEL). */
  private static final String NASTY = "\u001b[2J\u001b]0;pwned\u0007";

  @TempDir Path dir;
  CliHarness cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliHarness(dir);
  }

  private static void noRawControls(String text) {
    assertThat(text).doesNotContain("\u001b", "\u0007", "\u009b", "\u202e");
  }

  @Test
  void duplicateIdInAnErrorIsEscaped() throws Exception {
    String id = "q" + NASTY;
    String line = "{\"id\":\"q\\u001b[2J\\u001b]0;pwned\\u0007\",\"input\":\"x\"}\n";
    cli.write("data.jsonl", line + line);
    cli.write("suite.yaml", "dataset:\n  path: data.jsonl\nsystems:\n  s:\n    type: fake\nmetrics: [exact_match]\n");
    CliHarness.Result r = cli.run("run", "suite.yaml");
    oneLineInputError(r, "data.jsonl:2:", "duplicate id 'q\\u001b[2J\\u001b]0;pwned\\u0007'");
    noRawControls(r.err());
    assertThat(r.err()).doesNotContain(id);
  }

  @Test
  void suiteNamesAreEscapedInRunAndRunsList() throws Exception {
    cli.write("data.jsonl", "{\"id\":\"a\",\"input\":\"x\",\"reference\":\"x\"}\n");
    // YAML double quotes: \e is ESC, \a is BEL; U+202E reverses the rest of the line.
    cli.write("suite.yaml", "name: \"evil\\e[2J\\e]0;pwned\\a\\u202Eeman\\x9b\"\n"
        + "dataset:\n  path: data.jsonl\nsystems:\n  s:\n    type: fake\nmetrics: [exact_match]\n");
    CliHarness.Result run = cli.run("run", "suite.yaml");
    assertThat(run.code()).as(run.toString()).isZero();
    noRawControls(run.out());
    noRawControls(run.err());
    assertThat(run.out()).contains("suite evil\\u001b[2J\\u001b]0;pwned\\u0007\\u202eeman\\u009b");

    CliHarness.Result list = cli.run("runs", "list");
    assertThat(list.code()).as(list.toString()).isZero();
    noRawControls(list.out());
    assertThat(list.out()).contains("evil\\u001b[2J");
  }

  @Test
  void metricNamesFromScoreFilesAreEscapedInComparisons() throws Exception {
    cli.write("a.jsonl", "{\"id\":\"a\",\"m\\u001b[2J\":1}\n{\"id\":\"b\",\"m\\u001b[2J\":0}\n");
    cli.write("b.jsonl", "{\"id\":\"a\",\"m\\u001b[2J\":1}\n{\"id\":\"b\",\"m\\u001b[2J\":1}\n");
    CliHarness.Result r = cli.run("compare", "a.jsonl", "b.jsonl", "--replicates", "200");
    assertThat(r.code()).as(r.toString()).isZero();
    noRawControls(r.out());
    assertThat(r.out()).contains("m\\u001b[2J");
  }

  @Test
  void usageErrorsEscapeTheArgumentsTheyQuote() {
    CliHarness.Result r = cli.run("runs", "show", "x", "--bogus" + NASTY);
    assertThat(r.code()).isEqualTo(2);
    noRawControls(r.err());
  }
}
