package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.ExampleResult;
import dev.assay.core.Json;
import dev.assay.core.RunExport;
import dev.assay.core.RunStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end tests of the command line: exit codes, stdout, stderr. */
class CliTest {
  @TempDir Path dir;
  CliHarness cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliHarness(dir);
    cli.dataset("data.jsonl", 40);
  }

  @Test
  void versionAndHelp() {
    CliHarness.Result v = cli.run("--version");
    assertThat(v.code()).isZero();
    assertThat(v.out()).startsWith("assay ");
    CliHarness.Result h = cli.run("--help");
    assertThat(h.code()).isZero();
    assertThat(h.out()).contains("run", "runs", "demo");
  }

  @Test
  void usageErrorsExitWith2() {
    CliHarness.Result r = cli.run("frobnicate");
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: ");
    CliHarness.Result both = cli.run("run");
    assertThat(both.code()).isEqualTo(2);
    assertThat(both.err()).contains("give either a suite file or --resume RUN_ID");
  }

  @Test
  void runPrintsRunIdsAndMetricsAndStoresTheRun() throws Exception {
    cli.suite("suite.yaml", CliHarness.FAKE_UPPER, "");
    CliHarness.Result r = cli.run("run", "suite.yaml");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).containsPattern("run [0-9a-f-]{36}  suite cli-test  system upper  completed  ok 40  error 0");
    assertThat(r.out()).contains("exact_match  0.7500", "contains     0.7500");
    assertThat(Files.exists(dir.resolve(".assay/assay.db"))).isTrue();

    CliHarness.Result list = cli.run("runs", "list", "--format", "json");
    JsonNode runs = Json.MAPPER.readTree(list.out()).get("runs");
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0).path("status").asText()).isEqualTo("completed");
    assertThat(runs.get(0).path("metrics").path("exact_match").asDouble()).isEqualTo(0.75);
  }

  @Test
  void jsonGoesToStdoutAlone() throws Exception {
    cli.suite("suite.yaml", CliHarness.FAKE_UPPER + "  echo:\n    type: fake\n    mode: wrong\n", "");
    CliHarness.Result r = cli.run("run", "suite.yaml", "--format", "json", "--system", "echo");
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode json = Json.MAPPER.readTree(r.out());
    assertThat(json.path("runs")).hasSize(1);
    assertThat(json.path("runs").get(0).path("system").asText()).isEqualTo("echo");
    assertThat(json.path("runs").get(0).path("metrics").path("exact_match").asDouble()).isZero();
  }

  @Test
  void showAndExportARun() throws Exception {
    cli.suite("suite.yaml", CliHarness.FAKE_UPPER, "seed: 11\n");
    CliHarness.Result r = cli.run("run", "suite.yaml", "--format", "json");
    String id = Json.MAPPER.readTree(r.out()).path("runs").get(0).path("run_id").asText();

    CliHarness.Result show = cli.run("runs", "show", id, "--examples");
    assertThat(show.code()).as(show.toString()).isZero();
    assertThat(show.out()).contains("seed 11", "q0\tok\texact_match=1.0000", "q3\tok\texact_match=0.0000");

    CliHarness.Result export = cli.run("runs", "export", id, "--output", "out/run.json");
    assertThat(export.code()).as(export.toString()).isZero();
    Path file = dir.resolve("out/run.json");
    RunExport read = RunExport.read(Json.MAPPER.readTree(file.toFile()), file.toString());
    assertThat(read.run().runId()).isEqualTo(id);
    assertThat(read.run().status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(read.run().seed()).isEqualTo(11);
    assertThat(read.run().datasetHash()).hasSize(64);
    assertThat(read.run().lineage().assayVersion()).isNotBlank();
    assertThat(read.examples()).hasSize(40);
    ExampleResult first = read.examples().get(0);
    assertThat(first.id()).isEqualTo("q0");
    assertThat(first.output().asText()).isEqualTo("QUESTION 0");
    assertThat(first.attempts()).isEqualTo(1);
    try (var files = Files.list(dir.resolve("out"))) {
      assertThat(files).as("no temporary file is left behind").hasSize(1);
    }
  }

  @Test
  void unknownRunIdIsAnInputError() {
    CliHarness.Result r = cli.run("runs", "show", "nope");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("error: unknown run id 'nope' (an id from 'assay runs list', or a unique prefix of at least 4 characters)\n");
    assertThat(cli.run("run", "--resume", "nope").code()).isEqualTo(2);
  }

  @Test
  void resumingACompletedRunChangesNothing() throws Exception {
    cli.suite("suite.yaml", CliHarness.FAKE_UPPER, "");
    String id = Json.MAPPER.readTree(cli.run("run", "suite.yaml", "--format", "json").out())
        .path("runs").get(0).path("run_id").asText();
    CliHarness.Result r = cli.run("run", "--resume", id, "--format", "json");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(Json.MAPPER.readTree(r.out()).path("runs").get(0).path("run_id").asText()).isEqualTo(id);
  }

  @Test
  void aResumedRunReadsItsOwnDatasetNotTheChangedFile() throws Exception {
    cli.suite("suite.yaml", "  slow:\n    type: fake\n    permanent_failure_rate: 0\n", "");
    String id = Json.MAPPER.readTree(cli.run("run", "suite.yaml", "--format", "json").out())
        .path("runs").get(0).path("run_id").asText();
    // Reopen the run as if it had been killed and lose some results, then change the dataset file.
    try (var store = cli.store()) {
      store.updateRun(store.run(id).orElseThrow().reopen());
    }
    cli.sql("DELETE FROM results WHERE example_id IN ('q1', 'q7', 'q30')");
    Files.writeString(dir.resolve("data.jsonl"), "{\"id\":\"x\",\"input\":\"changed\"}\n", StandardCharsets.UTF_8);
    CliHarness.Result r = cli.run("run", "--resume", id, "--format", "json");
    assertThat(r.code()).as(r.toString()).isZero();
    try (var store = cli.store()) {
      assertThat(store.results(id)).hasSize(40).extracting(dev.assay.core.ExampleResult::id)
          .contains("q1", "q7", "q30").doesNotContain("x");
    }
  }

  @Test
  void aRunWithoutItsDatasetCopyCannotBeResumedIntoAChangedFile() throws Exception {
    cli.suite("suite.yaml", "  slow:\n    type: fake\n    permanent_failure_rate: 0\n", "");
    String id = Json.MAPPER.readTree(cli.run("run", "suite.yaml", "--format", "json").out())
        .path("runs").get(0).path("run_id").asText();
    // A run made before the store kept datasets: only the file can supply the examples.
    try (var store = cli.store()) {
      store.updateRun(store.run(id).orElseThrow().reopen());
    }
    cli.sql("DELETE FROM datasets");
    Files.writeString(dir.resolve("data.jsonl"), "{\"id\":\"x\",\"input\":\"changed\"}\n", StandardCharsets.UTF_8);
    CliHarness.Result r = cli.run("run", "--resume", id);
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: ").contains("resuming run " + id, "the store has no copy of the dataset",
        "data.jsonl has changed since the run");
  }

  @Test
  void debugPrintsTheStackTrace() {
    CliHarness.Result plain = cli.run("run", "missing.yaml");
    assertThat(plain.code()).isEqualTo(2);
    assertThat(plain.err()).doesNotContain("\tat ");
    CliHarness.Result debug = cli.run("--debug", "run", "missing.yaml");
    assertThat(debug.code()).isEqualTo(2);
    assertThat(debug.err()).contains("\tat dev.assay");
  }
}
