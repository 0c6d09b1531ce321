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
