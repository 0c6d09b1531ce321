package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

/** The shape every input error must have (DESIGN.md principle 5), for the hardening tests. */
final class InputErrorAssert {
  private InputErrorAssert() {}

  /**
   * Exit code 2, one line on stderr starting {@code error: } and holding each of {@code parts}, no
   * stack trace, no exception class name, nothing on stdout, and no raw control character.
   */
  static void oneLineInputError(CliHarness.Result r, String... parts) {
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).as(r.toString()).startsWith("error: ");
    assertThat(r.err().strip().lines()).as("one line: " + r).hasSize(1);
    assertThat(r.err()).as(r.toString()).doesNotContain("\tat ", "Exception", "java.", "Source:", "REDACTED");
    assertThat(r.err().strip()).as("no raw control characters: " + r).doesNotContainPattern("[\\p{Cc}&&[^\\t]]");
    assertThat(r.out()).as(r.toString()).isEmpty();
    for (String p : parts) {
      assertThat(r.err()).as(r.toString()).contains(p);
    }
  }

  /** No run was created in the harness's store. */
  static void noRun(CliHarness cli) {
    CliHarness.Result list = cli.run("runs", "list", "--format", "json");
    assertThat(list.out()).as("no run was created: " + list).contains("\"runs\" : [ ]");
  }
}
