package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code assay card}: both files, Mitchell et al.'s sections, the card YAML, errors. */
class CardCommandTest {
  @TempDir Path dir;
  CliHarness cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliHarness(dir);
    cli.dataset("data.jsonl", 40);
    cli.suite("suite.yaml", CliHarness.FAKE_UPPER, "");
    assertThat(cli.run("run", "suite.yaml").code()).isZero();
  }

  @Test
  void writesMarkdownAndHtmlInTheWorkingDirectory() throws Exception {
    cli.write("card.yaml", "model_details:\n  name: Upper v1\n  license: MIT\nintended_use: Answer <b>questions</b>.\n"
        + "out_of_scope:\n  - medical advice\n  - legal advice\ncaveats: Trained on synthetic data.\n");
    CliHarness.Result r = cli.run("card", "upper", "--card", "card.yaml");
    assertThat(r.code()).as(r.toString()).isZero();
    String md = Files.readString(dir.resolve("card-upper.md"));
    assertThat(md).startsWith("# Model card: Upper v1").contains("## Model details", "## Intended use",
        "## Out-of-scope use", "## Factors", "## Metrics", "## Evaluation data", "## Quantitative analyses",
        "## Safety and fairness", "## Caveats and recommendations", "## Lineage", "- medical advice",
        "Answer &lt;b&gt;questions&lt;/b&gt;.", "half=a", "exact_match", "rests on 40 examples");
    String html = Files.readString(dir.resolve("card-upper.html"));
    assertThat(html).contains("<h2>Quantitative analyses</h2>", "Answer &lt;b&gt;questions&lt;/b&gt;.")
        .doesNotContain("<b>questions");
  }

  @Test
  void writesToOutputDirAndRejectsUnknownKeysAndSystems() throws Exception {
    assertThat(cli.run("card", "upper", "--output", "cards").code()).isZero();
    assertThat(dir.resolve("cards/card-upper.html")).exists();
    assertThat(Files.readString(dir.resolve("cards/card-upper.md"))).contains("Not provided in the card file.");

    cli.write("typo.yaml", "model_details:\n  name: x\nintended_uses: y\n");
    CliHarness.Result typo = cli.run("card", "upper", "--card", "typo.yaml");
    assertThat(typo.code()).as(typo.toString()).isEqualTo(2);
    assertThat(typo.err()).contains("typo.yaml:3", "intended_uses", "unknown key", "intended_use").doesNotContain("\tat ");

    CliHarness.Result none = cli.run("card", "uper");
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).contains("no completed run of system 'uper'", "upper");
    assertThat(cli.run("card", "../x").code()).isEqualTo(2);
  }

  @Test
  void aCardShowsOneSuiteTheNewestUnlessToldWhich() throws Exception {
    cli.write("other.yaml", "name: other-suite\ndataset:\n  path: data.jsonl\nsystems:\n" + CliHarness.FAKE_UPPER
        + "metrics: [contains]\n");
    assertThat(cli.run("run", "other.yaml").code()).isZero();

    CliHarness.Result newest = cli.run("card", "upper");
    assertThat(newest.code()).as(newest.toString()).isZero();
    assertThat(newest.err()).contains("from suite other-suite (its newest run)", "runs of cli-test left out",
        "--suite NAME");
    String md = Files.readString(dir.resolve("card-upper.md"));
    assertThat(md).contains("other-suite").doesNotContain("exact_match").contains("| runs in this card | 1 |");

    CliHarness.Result chosen = cli.run("card", "upper", "--suite", "cli-test");
    assertThat(chosen.code()).as(chosen.toString()).isZero();
    assertThat(chosen.err()).doesNotContain("left out");
    assertThat(Files.readString(dir.resolve("card-upper.md"))).contains("exact_match").doesNotContain("other-suite");

    CliHarness.Result none = cli.run("card", "upper", "--suite", "nope");
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).contains("no completed run of system 'upper' in suite 'nope'",
        "suites with runs of upper: cli-test, other-suite");
  }
}
