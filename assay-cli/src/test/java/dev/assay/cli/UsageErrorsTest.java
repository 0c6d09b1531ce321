package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mistyped commands and options: one message with the nearest known name, exit 2, nothing on stdout. */
class UsageErrorsTest {
  @TempDir Path dir;

  @Test
  void aMistypedCommandGetsTheNearestName() {
    CliHarness.Result r = new CliHarness(dir).run("comapre", "a", "b");
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: unknown command 'comapre' (did you mean 'compare'? known: ab, audit, cache, card, ")
        .endsWith("Try 'assay --help' for more information.\n");
    assertThat(r.err().lines()).hasSize(2);
    assertThat(r.out()).isEmpty();
  }

  @Test
  void aMistypedSubCommandGetsTheNearestName() {
    CliHarness.Result r = new CliHarness(dir).run("runs", "lst");
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: 'assay runs' has no command 'lst' (did you mean 'list'? known: delete, "
        + "export, help, list, push, show)\n");
  }

  @Test
  void aMistypedOptionGetsTheNearestName() {
    CliHarness h = new CliHarness(dir);
    for (String[] args : new String[][] {{"run", "--sytem", "x"}, {"run", "s.yaml", "--sytem", "x"},
        {"run", "s.yaml", "--sytem=x"}}) {
      CliHarness.Result r = h.run(args);
      assertThat(r.code()).as(r.toString()).isEqualTo(2);
      assertThat(r.err()).as(r.toString())
          .startsWith("error: unknown option '--sytem' for 'assay run' (did you mean '--system'?)\n");
    }
    CliHarness.Result far = h.run("compare", "a", "b", "--zzzzzzzz");
    assertThat(far.err()).startsWith("error: unknown option '--zzzzzzzz' for 'assay compare' "
        + "(see 'assay compare --help')\n");
  }

  @Test
  void anExtraArgumentIsNamed() {
    CliHarness.Result r = new CliHarness(dir).run("runs", "show", "a", "b", "c");
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: unexpected argument 'b' for 'assay runs show' (and 1 more)\n");
  }

  @Test
  void aMistypedEnumValueListsTheChoices() {
    CliHarness.Result r = new CliHarness(dir).run("runs", "list", "--format", "jsn");
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("'--format'", "text, json", "'jsn'");
  }
}
