package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.assay.tracking.KeyValue;
import dev.assay.tracking.Metric;
import dev.assay.tracking.Run;
import dev.assay.tracking.RunStatus;
import dev.assay.tracking.TrackingStore;
import dev.assay.tracking.sql.SqliteTrackingStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client assay did not write, the npm package {@code mlflow}, logs to {@code assay serve --auth
 * tokens} with an editor's token in {@code MLFLOW_TRACKING_TOKEN}, through every endpoint of the
 * tracking API (src/test/node/drive.js); the server's auth answers in MLflow's error shape (no
 * token, a viewer logging). Then the tracking file beside the store is read directly to check that
 * what the client logged is what was kept.
 */
class MlflowClientServeTest {
  private static final Path CLIENT = Path.of("src/test/node");
  private static final List<String> STEPS = List.of("experiments/create", "experiments/get",
      "experiments/get-by-name", "experiments/search", "runs/create", "runs/log-parameter", "runs/log-metric",
      "runs/set-tag", "runs/log-batch", "runs/get", "metrics/get-history", "runs/search", "runs/update",
      "runs/delete", "errors", "auth");

  @TempDir Path dir;

  @AfterEach
  void stopServers() {
    ServeCommand.stopAll();
  }

  @Test
  void theNodeMlflowClientLogsToAssayServeWithAToken() throws Exception {
    assumeTrue(Files.isDirectory(CLIENT.resolve("node_modules/mlflow")),
        "skipped: the Node.js mlflow client is not installed; run `npm ci` in assay-cli/src/test/node"
            + " (.ci/run does)");
    assumeTrue(nodeRuns(), "skipped: node is not on the PATH (.ci/run installs Debian's nodejs)");
    CliHarness cli = new CliHarness(dir);
    String editor = token(cli, "ci", "editor");
    String viewer = token(cli, "dashboard", "viewer");

    Served served = Served.start(dir, Map.of(), List.of(), "--auth", "tokens");
    String base = served.url;
    ProcessBuilder pb = new ProcessBuilder("node", "drive.js", base).directory(CLIENT.toFile())
        .redirectError(dir.resolve("stderr.txt").toFile());
    pb.environment().put("MLFLOW_TRACKING_TOKEN", editor);
    pb.environment().put("ASSAY_VIEWER_TOKEN", viewer);
    Process node = pb.start();
    String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(node.waitFor(120, TimeUnit.SECONDS)).as("node finished").isTrue();
    String nodeErr = Files.readString(dir.resolve("stderr.txt"));
    assertThat(node.exitValue()).as("node exit; stderr: %s", nodeErr).isZero();
    assertThat(out.lines().filter(l -> l.startsWith("STEP ")).map(l -> l.substring(5)).toList())
        .as("node's output:%n%s%nstderr:%n%s", out, nodeErr).isEqualTo(STEPS);
    String[] done = out.lines().filter(l -> l.startsWith("DONE ")).findFirst().orElseThrow().split(" ");

    assertThat(served.stop()).isZero();
    assertThat(served.err.toString()).doesNotContain(editor).doesNotContain(viewer);
    try (TrackingStore store = SqliteTrackingStore.open(dir.resolve(".assay/tracking.db"))) {
      Run run = store.run(done[1]).orElseThrow();
      assertThat(run.info().experimentId()).isEqualTo(done[2]);
      assertThat(run.info().status()).isEqualTo(RunStatus.FINISHED);
      assertThat(run.params()).containsExactly(new KeyValue("depth", "6"), new KeyValue("lr", "0.01"));
      assertThat(run.tags()).contains(new KeyValue("stage", "evaluated"), new KeyValue("mlflow.runName", "node-run"));
      assertThat(store.metricHistory(done[1], "loss", 0, 100)).as("the viewer's refused value is not kept")
          .extracting(Metric::value).containsExactly(1.0, 0.5, 1.0 / 3, 0.25, 0.2);
      assertThat(store.metricHistory(done[1], "acc", 0, 100)).extracting(Metric::step).containsExactly(4L, 5L);
    }
  }

  private static String token(CliHarness cli, String name, String role) {
    CliHarness.Result made = cli.run("tokens", "create", "--name", name, "--role", role);
    assertThat(made.code()).as(made.toString()).isZero();
    return made.out().strip();
  }

  private static boolean nodeRuns() {
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
