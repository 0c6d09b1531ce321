package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 item 9: while a run is going, {@code runs list} shows the results stored so far; when
 * it is interrupted (Ctrl-C, or SIGTERM, which takes the same shutdown path), assay says which run
 * stopped, how far it got and the command that finishes it, and the run is marked aborted.
 *
 * <p>The child gets SIGTERM rather than SIGINT: a shell without job control starts background
 * processes with SIGINT ignored, and the JVM then never sees it, so a SIGINT test would depend on
 * how the build was started.
 */
class InterruptedRunTest {
  @TempDir Path dir;

  @Test
  void anInterruptedRunNamesItselfAndItsResumeCommand() throws Exception {
    CliHarness cli = new CliHarness(dir);
    cli.dataset("data.jsonl", 1000);
    cli.suite("suite.yaml", "  slow:\n    type: fake\n    mode: upper\n    latency_ms: 40\n", "");
    Path db = dir.resolve("live.db");
    String java = ProcessHandle.current().info().command().orElse("java");
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "--store", db.toString(), "run", "suite.yaml")
        .directory(dir.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(dir.resolve("child.err").toFile())
        .start();
    String runId = null;
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (runId == null && System.nanoTime() < deadline && child.isAlive()) {
        if (Files.exists(db)) {
          CliHarness.Result list = cli.run("--store", db.toString(), "runs", "list", "--format", "json");
          if (list.code() == 0) {
            for (JsonNode r : Json.MAPPER.readTree(list.out()).path("runs")) {
              // Live counts: a running run's header holds none, the list counts what is stored.
              if (r.path("status").asText().equals("running") && r.path("counts").path("ok").asLong() >= 20) {
                runId = r.path("run_id").asText();
              }
            }
          }
        }
        Thread.sleep(50);
      }
      assertThat(runId).as("the child's run showed live counts in time; its stderr: %s",
          Files.readString(dir.resolve("child.err"))).isNotNull();
    } finally {
      child.destroy(); // SIGTERM: the shutdown hook interrupts the run
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    String err = Files.readString(dir.resolve("child.err"));
    assertThat(err).containsPattern("run " + runId + " \\(slow\\) aborted with \\d+ of 1000 results stored; "
        + "finish it with: assay run --resume " + runId);
    JsonNode shown = Json.MAPPER.readTree(cli.run("--store", db.toString(), "runs", "show", runId, "--format", "json")
        .out());
    assertThat(shown.path("status").asText()).isEqualTo("aborted");
    CliHarness.Result resumed = cli.run("--store", db.toString(), "run", "--resume", runId);
    assertThat(resumed.code()).as(resumed.toString()).isZero();
    assertThat(resumed.out()).contains("completed  ok 1000  error 0");
  }
}
