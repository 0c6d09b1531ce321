package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 item 8, with a real command (python3): a system whose command line names the log it
 * writes. By default its content hash covers every file named, so the log it wrote makes
 * {@code --resume} refuse, and the message says why and what to do; with {@code depends_on:
 * [answer.py]} the run resumes, and editing the script (not the log) still changes the hash.
 */
class CommandDependsOnTest {
  @TempDir Path dir;
  CliHarness cli;

  static final String SCRIPT = """
      import json, sys
      log = open(sys.argv[sys.argv.index('--log') + 1], 'a')
      for line in sys.stdin:
          req = json.loads(line)
          log.write(req['id'] + '\\n')
          log.flush()
          print(json.dumps({'id': req['id'], 'output': str(req['input']).upper()}), flush=True)
      """;

  @BeforeEach
  void setUp() throws Exception {
    Assumptions.assumeTrue(python3(), "python3 is not on the PATH; this test runs a real Python command");
    cli = new CliHarness(dir);
    cli.dataset("data.jsonl", 20);
    cli.write("answer.py", SCRIPT);
  }

  private void suite(String dependsOn) throws Exception {
    cli.write("suite.yaml", "name: logs\ndataset:\n  path: data.jsonl\nsystems:\n  py:\n    type: command\n"
        + "    command: [python3, answer.py, --log, answer.log]\n" + dependsOn
        + "metrics: [exact_match]\nmax_error_rate: 1\n");
  }

  /** Runs the suite, then makes the run look killed with 3 results lost; returns its id. */
  private String interruptedRun() throws Exception {
    CliHarness.Result r = cli.run("run", "suite.yaml", "--format", "json");
    assertThat(r.code()).as(r.toString()).isZero();
    String id = Json.MAPPER.readTree(r.out()).path("runs").get(0).path("run_id").asText();
    try (var store = cli.store()) {
      store.updateRun(store.run(id).orElseThrow().reopen());
    }
    cli.sql("DELETE FROM results WHERE example_id IN ('q1', 'q7', 'q13')");
    return id;
  }

  @Test
  void byDefaultTheLogItWritesBlocksResumeAndTheMessageSaysWhy() throws Exception {
    suite("");
    String id = interruptedRun();
    assertThat(Files.readAllLines(dir.resolve("answer.log"))).hasSize(20);
    CliHarness.Result r = cli.run("run", "--resume", id);
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("the content system 'py' depends on (the files its command line names: answer.py, "
        + "answer.log; if the command writes one of them (a log, a cache), list the files it reads in depends_on "
        + "instead) changed since run " + id + " started");
  }

  @Test
  void withDependsOnTheRunResumesAndOnlyTheScriptCounts() throws Exception {
    suite("    depends_on: [answer.py]\n");
    String id = interruptedRun();
    String hash = show(id).path("system_content_hash").asText();
    assertThat(hash).hasSize(64);

    CliHarness.Result r = cli.run("run", "--resume", id, "--format", "json");
    assertThat(r.code()).as(r.toString()).isZero();
    JsonNode run = Json.MAPPER.readTree(r.out()).path("runs").get(0);
    assertThat(run.path("status").asText()).isEqualTo("completed");
    assertThat(run.path("counts").path("ok").asInt()).isEqualTo(20);
    assertThat(run.path("metrics").path("exact_match").asDouble()).isEqualTo(0.75);
    // The resumed examples were answered afresh or from the cache; the log only grows.
    assertThat(Files.readAllLines(dir.resolve("answer.log"))).hasSizeGreaterThanOrEqualTo(20);

    // A new run: the log changed, the hash did not, so every answer comes from the cache.
    String again = runOnce();
    assertThat(show(again).path("system_content_hash").asText()).isEqualTo(hash);
    // Editing the script changes the hash (and so misses the cache).
    Files.writeString(dir.resolve("answer.py"), SCRIPT + "# edited\n");
    String edited = runOnce();
    assertThat(show(edited).path("system_content_hash").asText()).hasSize(64).isNotEqualTo(hash);
  }

  @Test
  void anEmptyDependsOnMeansTheSpecSaysItAllAndAMissingEntryIsAnInputError() throws Exception {
    suite("    depends_on: []\n");
    assertThat(show(runOnce()).path("system_content_hash").isNull()).isTrue();

    suite("    depends_on: [answer.py, model.bin]\n");
    CliHarness.Result r = cli.run("run", "suite.yaml");
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("field 'systems.py.depends_on': element 1: no such file or folder: ",
        "model.bin (a list of the files and folders the command reads, relative to its working directory");
    assertThat(Json.MAPPER.readTree(cli.run("runs", "list", "--format", "json").out()).path("runs"))
        .as("no run was created for the bad suite").hasSize(1);
  }

  private String runOnce() throws Exception {
    CliHarness.Result r = cli.run("run", "suite.yaml", "--format", "json");
    assertThat(r.code()).as(r.toString()).isZero();
    return Json.MAPPER.readTree(r.out()).path("runs").get(0).path("run_id").asText();
  }

  private JsonNode show(String id) throws Exception {
    CliHarness.Result r = cli.run("runs", "show", id, "--format", "json");
    assertThat(r.code()).as(r.toString()).isZero();
    return Json.MAPPER.readTree(r.out());
  }

  private static boolean python3() {
    try {
      return new ProcessBuilder("python3", "--version").redirectErrorStream(true).start().waitFor() == 0;
    } catch (Exception e) {
      return false;
    }
  }
}
