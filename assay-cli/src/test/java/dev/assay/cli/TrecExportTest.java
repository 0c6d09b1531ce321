package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A retrieval run is exported as a TREC run that trec_eval-compatible tools read. */
class TrecExportTest {
  @TempDir Path dir;

  /** Runs a one-system suite over {@code queries} and {@code ranked}; returns the run id. */
  private String runSuite(CliHarness cli, String queries, String ranked) throws Exception {
    cli.write("queries.jsonl", queries);
    cli.write("ranked.jsonl", ranked);
    cli.write("suite.yaml", """
        dataset: {path: queries.jsonl}
        systems:
          bm25:
            type: predictions
            path: ranked.jsonl
        metrics: [ndcg_cut_10]
        max_error_rate: 1
        """);
    // The forged ids fail scoring; max_error_rate 1 keeps the run completed so it can be exported.
    CliHarness.Result run = cli.run("run", "suite.yaml", "--format", "json");
    assertThat(run.code()).as(run.toString()).isZero();
    return Json.MAPPER.readTree(run.out()).path("runs").get(0).path("run_id").asText();
  }

  /** The exported file's lines, or none when no file was written. */
  private List<String> exported(Path file) throws Exception {
    return Files.exists(file) ? Files.readAllLines(file) : List.of();
  }

  @Test
  void aDocumentIdWithANewlineCannotForgeARow() throws Exception {
    CliHarness cli = new CliHarness(dir);
    // A system answers with a document id that carries a whole TREC line of its own.
    String id = runSuite(cli, """
        {"id":"q1","input":"wing flutter","reference":{"d1":2,"d2":1}}
        {"id":"q2","input":"boundary layer","reference":{"d3":1}}
        """, """
        {"id":"q1","output":["d1","d2\\nq999 Q0 INJECTED 1 99.0 evil"]}
        {"id":"q2","output":["d3"]}
        """);
    CliHarness.Result export = cli.run("runs", "export", id, "--format", "trec", "--output", "bm25.run");
    assertThat(exported(dir.resolve("bm25.run"))).as("no forged row").noneMatch(l -> l.contains("INJECTED"));
    assertThat(export.code()).as(export.toString()).isEqualTo(2);
    assertThat(export.err()).as(export.toString())
        .startsWith("error: ")
        .contains("example 'q1'")
        .contains("'d2\\nq999 Q0 INJECTED 1 99.0 evil'");
    assertThat(export.err().strip().lines()).as(export.toString()).hasSize(1);
    assertThat(dir.resolve("bm25.run")).as("nothing half-written").doesNotExist();

    CliHarness.Result shown = cli.run("runs", "show", id, "--examples", "--format", "json");
    assertThat(shown.out()).as("scoring rejects the id, escaped").contains("d2\\\\nq999 Q0 INJECTED");
  }

  /**
   * A topic id that would forge a row is refused on input: the metric-applicability check runs the
   * retrieval reader over the dataset before any system starts, so no run (and so no export) exists.
   */
  @Test
  void aTopicIdWithWhitespaceIsRefusedBeforeTheRun() throws Exception {
    CliHarness cli = new CliHarness(dir);
    cli.write("queries.jsonl", """
        {"id":"q1 Q0 FORGED 1 50 evil\\nq1","input":"wing flutter","reference":{"d1":2}}
        """);
    cli.write("ranked.jsonl", """
        {"id":"q1 Q0 FORGED 1 50 evil\\nq1","output":["d1"]}
        """);
    cli.write("suite.yaml", """
        dataset: {path: queries.jsonl}
        systems:
          bm25:
            type: predictions
            path: ranked.jsonl
        metrics: [ndcg_cut_10]
        max_error_rate: 1
        """);
    CliHarness.Result run = cli.run("run", "suite.yaml", "--format", "json");
    InputErrorAssert.oneLineInputError(run, "queries.jsonl:1: field 'id'",
        "topic id 'q1 Q0 FORGED 1 50 evil\\nq1' contains a space", "metric 'ndcg_cut_10'");
    InputErrorAssert.noRun(cli);
  }

  @Test
  void exportsRankedOutputsInTrecOrder() throws Exception {
    CliHarness cli = new CliHarness(dir);
    cli.write("queries.jsonl", """
        {"id":"q1","input":"wing flutter","reference":{"d1":2,"d3":1}}
        {"id":"q2","input":"boundary layer","reference":{"d2":3}}
        {"id":"q3","input":"shock waves","reference":{"d4":1}}
        """);
    cli.write("ranked.jsonl", """
        {"id":"q1","output":["d3","d1","d9"]}
        {"id":"q2","output":[{"docid":"d5","score":1.5},{"docid":"d2","score":7.25}]}
        """);
    cli.write("suite.yaml", """
        dataset: {path: queries.jsonl}
        systems:
          bm25 run:
            type: predictions
            path: ranked.jsonl
        metrics: [ndcg_cut_10]
        max_error_rate: 0.5
        """.replace("bm25 run", "bm25"));
    CliHarness.Result run = cli.run("run", "suite.yaml", "--format", "json");
    assertThat(run.code()).as(run.toString()).isZero();
    String id = Json.MAPPER.readTree(run.out()).path("runs").get(0).path("run_id").asText();
    CliHarness.Result export = cli.run("runs", "export", id, "--format", "trec", "--output", "bm25.run");
    assertThat(export.code()).as(export.toString()).isZero();
    // q3 has no prediction: the example failed, and a failed example writes no lines.
    assertThat(Files.readAllLines(dir.resolve("bm25.run"))).isEqualTo(List.of(
        "q1 Q0 d3 1 3 bm25",
        "q1 Q0 d1 2 2 bm25",
        "q1 Q0 d9 3 1 bm25",
        "q2 Q0 d2 1 7.25 bm25",
        "q2 Q0 d5 2 1.5 bm25"));
    assertThat(cli.run("runs", "export", id, "--format", "xml", "--output", "x").code()).isEqualTo(2);
  }
}
