package dev.assay.tracking.http;

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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client assay did not write, the npm package {@code mlflow}, drives every endpoint of the
 * tracking API on a real server on loopback (src/test/node/drive.js); then the store is read
 * directly to check that what the client logged is what was kept.
 */
class MlflowNodeClientTest {
  private static final Path CLIENT = Path.of("src/test/node");
  private static final List<String> STEPS = List.of("experiments/create", "experiments/get",
      "experiments/get-by-name", "experiments/search", "runs/create", "runs/log-parameter", "runs/log-metric",
      "runs/set-tag", "runs/log-batch", "runs/get", "metrics/get-history", "runs/search", "runs/update",
      "runs/delete", "errors");

  @TempDir Path dir;

  @Test
  void theNodeMlflowClientLogsThroughEveryEndpoint() throws Exception {
    assumeTrue(Files.isDirectory(CLIENT.resolve("node_modules/mlflow")),
        "skipped: the Node.js mlflow client is not installed; run `npm ci` in assay-tracking/src/test/node"
            + " (.ci/run does)");
    assumeTrue(nodeRuns(), "skipped: node is not on the PATH");
    try (TrackingStore store = SqliteTrackingStore.open(dir.resolve("tracking.db"));
        MlflowTestServer server = new MlflowTestServer(store)) {
      Process node = new ProcessBuilder("node", "drive.js", server.url()).directory(CLIENT.toFile())
          .redirectError(dir.resolve("stderr.txt").toFile()).start();
      String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(node.waitFor(120, TimeUnit.SECONDS)).as("node finished").isTrue();
      String err = Files.readString(dir.resolve("stderr.txt"));
      assertThat(node.exitValue()).as("node exit; stderr: %s", err).isZero();
      List<String> steps = out.lines().filter(l -> l.startsWith("STEP ")).map(l -> l.substring(5)).toList();
      assertThat(steps).isEqualTo(STEPS);
      String[] done = out.lines().filter(l -> l.startsWith("DONE ")).findFirst().orElseThrow().split(" ");

      Run run = store.run(done[1]).orElseThrow();
      assertThat(run.info().experimentId()).isEqualTo(done[2]);
      assertThat(run.info().status()).isEqualTo(RunStatus.FINISHED);
      assertThat(run.params()).containsExactly(new KeyValue("depth", "6"), new KeyValue("lr", "0.01"));
      assertThat(run.tags()).contains(new KeyValue("stage", "evaluated"), new KeyValue("mlflow.runName", "node-run"));
      assertThat(store.metricHistory(done[1], "loss", 0, 100)).extracting(Metric::value)
          .containsExactly(1.0, 0.5, 1.0 / 3, 0.25, 0.2);
      assertThat(store.metricHistory(done[1], "acc", 0, 100)).extracting(Metric::step).containsExactly(4L, 5L);
    }
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
