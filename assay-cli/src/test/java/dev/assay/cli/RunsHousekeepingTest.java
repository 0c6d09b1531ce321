package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12 item 3 as a user meets it: runs list filters, run-id prefixes, runs delete, gate --report. */
class RunsHousekeepingTest {
  @TempDir Path dir;
  CliHarness cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliHarness(dir);
    cli.dataset("data.jsonl", 40);
    cli.suite("suite.yaml", GateCommandTest.TWO,
        "gate:\n  rules:\n    - {rule: non_inferiority, metric: exact_match, margin: 0.05}\n");
  }

  @Test
  void listFiltersBySuiteSystemAndStatus() throws Exception {
    assertThat(cli.run("run", "suite.yaml").code()).isZero();
    assertThat(ids("runs", "list", "--system", "echo")).hasSize(1);
    assertThat(ids("runs", "list", "--suite", "cli-test", "--status", "completed")).hasSize(3);
    assertThat(ids("runs", "list", "--suite", "other")).isEmpty();
    CliHarness.Result bad = cli.run("runs", "list", "--status", "complete");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("unknown status 'complete' (did you mean 'completed'?");
  }

  @Test
  void listLimitShowsTheNewestRunsOnly() throws Exception {
    assertThat(cli.run("run", "suite.yaml").code()).isZero();
    List<String> all = ids("runs", "list");
    assertThat(all).hasSize(3);
    assertThat(ids("runs", "list", "--limit", "2")).containsExactly(all.get(0), all.get(1));
    assertThat(ids("runs", "list", "--limit", "1", "--suite", "cli-test")).containsExactly(all.get(0));
    assertThat(ids("runs", "list", "--limit", "0")).isEqualTo(all);
    CliHarness.Result bad = cli.run("runs", "list", "--limit", "-1");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("--limit -1 is out of range");
  }

  @Test
  void aUniquePrefixNamesARunAndDeleteKeepsVerdictEvidence() throws Exception {
    CliHarness.Result gate = cli.run("gate", "suite.yaml", "--candidate", "upper2", "--replicates", "500",
        "--report", "out/gate.html");
    assertThat(gate.code()).as(gate.toString()).isZero();
    String html = Files.readString(dir.resolve("out/gate.html"));
    assertThat(html).startsWith("<!DOCTYPE html>").contains("Verdict", "PASS");

    List<String> all = ids("runs", "list");
    assertThat(all).hasSize(2);
    String first = all.get(0);
    // Run ids are time-ordered (UUID v7), so two runs of one gate share their first 8 characters.
    CliHarness.Result ambiguous = cli.run("runs", "show", first.substring(0, 8));
    assertThat(ambiguous.code()).isEqualTo(2);
    assertThat(ambiguous.err()).contains("matches 2 runs: ", all.get(0), all.get(1));
    CliHarness.Result show = cli.run("runs", "show", first.substring(0, 24), "--format", "json");
    assertThat(show.code()).as(show.toString()).isZero();
    assertThat(Json.MAPPER.readTree(show.out()).path("run_id").asText()).isEqualTo(first);

    CliHarness.Result refused = cli.run("runs", "delete", first.substring(0, 24));
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err()).contains("is evidence of 1 stored verdict (", "--force");
    assertThat(ids("runs", "list")).hasSize(2);

    CliHarness.Result forced = cli.run("runs", "delete", first.substring(0, 24), "--force");
    assertThat(forced.code()).as(forced.toString()).isZero();
    assertThat(forced.err()).contains("deleted run " + first);
    assertThat(ids("runs", "list")).containsExactly(all.get(1));
  }

  private List<String> ids(String... args) throws Exception {
    List<String> a = new ArrayList<>(List.of(args));
    a.add("--format");
    a.add("json");
    CliHarness.Result r = cli.run(a.toArray(String[]::new));
    assertThat(r.code()).as(r.toString()).isZero();
    List<String> out = new ArrayList<>();
    for (JsonNode n : Json.MAPPER.readTree(r.out()).path("runs")) {
      out.add(n.path("run_id").asText());
    }
    return out;
  }
}
