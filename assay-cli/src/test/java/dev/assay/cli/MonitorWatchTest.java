package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code assay monitor watch} runs its checks, serves while running, and exits with the last check's code. */
class MonitorWatchTest {
  @TempDir
  java.nio.file.Path dir;

  @Test
  void watchRunsTheRequestedChecksAndExitsWithTheLastOnesCode() throws IOException {
    StringBuilder ref = new StringBuilder();
    StringBuilder cur = new StringBuilder();
    java.util.Random r = new java.util.Random(1);
    for (int i = 0; i < 500; i++) {
      ref.append("{\"x\":").append(r.nextGaussian()).append("}\n");
      cur.append("{\"x\":").append(r.nextGaussian() + 2).append("}\n");
    }
    Files.writeString(dir.resolve("ref.jsonl"), ref.toString());
    Files.writeString(dir.resolve("cur.jsonl"), cur.toString());
    CliHarness cli = new CliHarness(dir);
    assertThat(cli.run("monitor", "profile", "ref.jsonl", "--output", "p.json").code()).isZero();
    CliHarness.Result w = cli.run("monitor", "watch", "--reference", "p.json", "--current", "cur.jsonl",
        "--every", "1s", "--checks", "2", "--port", "0");
    assertThat(w.code()).as(w.toString()).isEqualTo(1);
    assertThat(w.err()).contains("serving metrics at http://127.0.0.1:", "check 1: 1 finding drifted",
        "check 2: 1 finding drifted");
    assertThat(w.out()).isEmpty();
    CliHarness.Result bad = cli.run("monitor", "watch", "--reference", "p.json", "--current", "cur.jsonl",
        "--every", "soon");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("--every soon is not a duration");
  }
}
