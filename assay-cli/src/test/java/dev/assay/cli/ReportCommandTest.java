package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code assay report}: files written, sections present, Markdown, escaping, exit codes. */
class ReportCommandTest {
  @TempDir Path dir;
  CliHarness cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliHarness(dir);
    StringBuilder sb = new StringBuilder(Files.readString(cli.dataset("data.jsonl", 40)));
    // An example whose input (and so the echo system's output) is an attack on the report.
    sb.append("{\"id\":\"evil\",\"input\":\"<script>window.__pwned=1</script><img src=x onerror=alert(1)>\","
        + "\"reference\":\"</style><a href=\\\"javascript:alert(1)\\\">x</a>\",\"tags\":{\"half\":\"<b>\"}}\n");
    cli.write("data.jsonl", sb.toString());
  }

  private String[] runTwo() throws Exception {
    // The baseline answers with the reference, the candidate upper-cases the input: both echo the attack.
    cli.suite("suite.yaml", "  ref:\n    type: fake\n    mode: reference\n" + CliHarness.FAKE_UPPER, "");
    CliHarness.Result run = cli.run("run", "suite.yaml", "--format", "json");
    JsonNode runs = Json.MAPPER.readTree(run.out()).path("runs");
    return new String[] {runs.get(0).path("run_id").asText(), runs.get(1).path("run_id").asText()};
  }

  @Test
  void writesAnHtmlComparisonWithVerdictSlicesFlipsAndLineage() throws Exception {
    String[] ids = runTwo();
    cli.write("gate.yaml", "rules:\n  - rule: non_inferiority\n    metric: exact_match\n    margin: 0.05\n");
    CliHarness.Result r = cli.run("report", ids[0], ids[1], "--gate", "gate.yaml", "--output", "out/r.html",
        "--replicates", "500", "--max-flips", "5");
    assertThat(r.code()).as(r.toString()).isZero();
    Path file = dir.resolve("out/r.html");
    assertThat(r.err()).contains("wrote " + file);
    String html = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(html).startsWith("<!DOCTYPE html>").contains("Verdict", "FAIL", "Pre-registered: <b>no</b>",
        "Forest plot", "tag half", "Latency CDF", "Regressions and improvements", "Lineage", ids[0], ids[1],
        "more flipped examples", "id=\"flip-filter\"");
    assertThat(html).doesNotContainIgnoringCase("<script>window").doesNotContainIgnoringCase("<img")
        .doesNotContain("</style><a", "half=<b>", "href=\"javascript");
    assertThat(html).contains("&lt;SCRIPT&gt;WINDOW.__PWNED=1&lt;/SCRIPT&gt;", "&lt;/style&gt;&lt;a href=&quot;javascript");
    assertThat(html).doesNotContainPattern("(?i)<(link|img|iframe)\\b|https?://(?!www\\.w3\\.org/2000/svg)");
    assertThat(dir.resolve("out").toFile().list()).containsExactly("r.html");
  }

  @Test
  void writesAMarkdownSummaryAndASingleRunReport() throws Exception {
    String[] ids = runTwo();
    CliHarness.Result md = cli.run("report", ids[0], ids[1], "--format", "md", "--replicates", "500");
    assertThat(md.code()).as(md.toString()).isZero();
    String text = Files.readString(dir.resolve("report-" + ids[0] + "-vs-" + ids[1] + ".md"));
    assertThat(text).contains("| metric | better |", "exact_match", "### Regressions on exact_match: 11")
        .doesNotContainIgnoringCase("<script>").doesNotContainIgnoringCase("<img").doesNotContain("</style>");

    CliHarness.Result one = cli.run("report", ids[0]);
    assertThat(one.code()).as(one.toString()).isZero();
    assertThat(Files.readString(dir.resolve("report-" + ids[0] + ".html"))).contains("Metrics", "wilson", "Slices")
        .doesNotContain("Regressions and improvements");
  }

  @Test
  void badArgumentsExitTwoAndWriteNothing() throws Exception {
    String[] ids = runTwo();
    CliHarness.Result unknown = cli.run("report", "nope");
    assertThat(unknown.code()).as(unknown.toString()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown run id 'nope'");
    CliHarness.Result format = cli.run("report", ids[0], "--format", "pdf");
    assertThat(format.code()).isEqualTo(2);
    assertThat(format.err()).contains("option '--format'", "[html, md]", "'pdf'");
    assertThat(cli.run("report", ids[0], "--gate", "g.yaml").code()).isEqualTo(2);
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("report-"));
    }
  }

  @Test
  void readsTheStoredDatasetWhenTheFileIsGoneOrChanged() throws Exception {
    String[] ids = runTwo();
    CliHarness.Result before = cli.run("report", ids[0], ids[1], "--replicates", "200", "--output", "before.html");
    assertThat(before.code()).as(before.toString()).isZero();
    Files.delete(dir.resolve("data.jsonl"));
    CliHarness.Result gone = cli.run("report", ids[0], ids[1], "--replicates", "200", "--output", "gone.html");
    assertThat(gone.code()).as(gone.toString()).isZero();
    String html = Files.readString(dir.resolve("gone.html"));
    assertThat(html).contains("Slices", "Regressions and improvements").doesNotContain("dataset not available");
    assertThat(html).isEqualTo(Files.readString(dir.resolve("before.html")));
    Files.writeString(dir.resolve("data.jsonl"), "{\"id\":\"other\",\"input\":\"x\"}\n");
    CliHarness.Result changed = cli.run("report", ids[0], ids[1], "--replicates", "200", "--output", "changed.html");
    assertThat(changed.code()).as(changed.toString()).isZero();
    assertThat(Files.readString(dir.resolve("changed.html"))).isEqualTo(html);
  }

  @Test
  void saysWhenTheDatasetIsNowhere() throws Exception {
    String[] ids = runTwo();
    Files.delete(dir.resolve("data.jsonl"));
    cli.sql("DELETE FROM datasets");
    CliHarness.Result r = cli.run("report", ids[0], ids[1], "--replicates", "200", "--output", "r.html");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(Files.readString(dir.resolve("r.html"))).contains("dataset not available", "Regressions and improvements");
  }
}
