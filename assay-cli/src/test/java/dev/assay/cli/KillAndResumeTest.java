package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.ExampleResult;
import dev.assay.core.Json;
import dev.assay.core.RunRecord;
import dev.assay.core.RunStatus;
import dev.assay.store.SqliteStore;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child process running a suite is killed with SIGKILL mid-run; {@code assay run --resume}
 * finishes the run, which then equals a run that was never interrupted.
 */
class KillAndResumeTest {
  @TempDir Path dir;

  record Essence(String id, int repeat, String output, java.util.Map<String, dev.assay.core.Score> scores, String error) {
    static List<Essence> of(List<ExampleResult> results) {
      return results.stream().map(r -> new Essence(r.id(), r.repeat(),
          r.output() == null ? null : r.output().toString(), r.scores(), r.error())).toList();
    }
  }

  @Test
  void aKilledRunResumesToTheSameResults() throws Exception {
    CliHarness cli = new CliHarness(dir);
    int n = 300;
    cli.dataset("data.jsonl", n);
    cli.suite("suite.yaml", "  flaky:\n    type: fake\n    mode: upper\n    latency_ms: 40\n"
        + "    seed_in_output: true\n    permanent_failure_rate: 0.1\n", "repeats: 2\nseed: 5\nmax_error_rate: 0.2\n");
    Path db = dir.resolve("killed.db");

    String java = ProcessHandle.current().info().command().orElse("java");
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "--store", db.toString(), "run", "suite.yaml")
        .directory(dir.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(dir.resolve("child.err").toFile())
        .start();
    String runId;
    int storedBeforeKill;
    try {
      Optional<RunRecord> run = waitForResults(db, 60, child);
      assertThat(run).as("the child stored some results within the time limit; its stderr is in child.err").isPresent();
      runId = run.get().runId();
    } finally {
      child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook runs.
      child.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(child.exitValue()).isEqualTo(137);
    try (SqliteStore store = SqliteStore.open(db)) {
      RunRecord killed = store.run(runId).orElseThrow();
      assertThat(killed.status()).isEqualTo(RunStatus.RUNNING);
      storedBeforeKill = store.completedKeys(runId).size();
      assertThat(storedBeforeKill).isBetween(1, 2 * n - 1);
    }

    CliHarness.Result resumed = cli.run("--store", db.toString(), "run", "--resume", runId);
    assertThat(resumed.code()).as(resumed.toString()).isZero();

    CliHarness.Result fresh = cli.run("--store", dir.resolve("fresh.db").toString(), "run", "suite.yaml",
        "--format", "json");
    assertThat(fresh.code()).as(fresh.toString()).isZero();
    String freshId = Json.MAPPER.readTree(fresh.out()).path("runs").get(0).path("run_id").asText();

    try (SqliteStore a = SqliteStore.open(db); SqliteStore b = SqliteStore.open(dir.resolve("fresh.db"))) {
      RunRecord finished = a.run(runId).orElseThrow();
      RunRecord reference = b.run(freshId).orElseThrow();
      assertThat(finished.status()).isEqualTo(RunStatus.COMPLETED);
      List<ExampleResult> got = a.results(runId);
      List<ExampleResult> want = b.results(freshId);
      assertThat(got).hasSize(2 * n);
      assertThat(Essence.of(got)).isEqualTo(Essence.of(want));
      assertThat(finished.aggregates()).isEqualTo(reference.aggregates());
      assertThat(finished.counts()).isEqualTo(reference.counts());
      assertThat(finished.counts().error()).isPositive();
      assertThat(finished.datasetHash()).isEqualTo(reference.datasetHash());
      assertThat(finished.suiteHash()).isEqualTo(reference.suiteHash());
    }
  }

  /** Polls the child's store until a run has at least 40 results; empty if the child died or time ran out. */
  private static Optional<RunRecord> waitForResults(Path db, int seconds, Process child) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline && child.isAlive()) {
      if (new File(db.toString()).exists()) {
        try (SqliteStore store = SqliteStore.open(db)) {
          for (RunRecord r : store.runs()) {
            if (store.completedKeys(r.runId()).size() >= 40) {
              return Optional.of(r);
            }
          }
        } catch (RuntimeException e) {
          // The child may be creating the schema right now; try again.
        }
      }
      Thread.sleep(20);
    }
    return Optional.empty();
  }
}
