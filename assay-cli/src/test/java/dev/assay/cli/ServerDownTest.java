package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 item 4 as the user met it: a suite whose model server is down used to print "completed
 * ok 0 error 200" and exit 0, and the gate then said "share no example id". Now the run is marked
 * failed (exit 5), stderr names the cause with a count and an example id, and the gate gives no
 * verdict.
 */
class ServerDownTest {
  @TempDir Path dir;

  @Test
  void aRunAgainstADeadServerFailsAndSaysWhyAndTheGateGivesNoVerdict() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // free now, closed when the suite runs: connection refused
    }
    CliHarness cli = new CliHarness(dir);
    cli.dataset("data.jsonl", 20);
    String system = "    type: openai\n    base_url: http://127.0.0.1:" + port + "/v1\n    model: m\n";
    cli.suite("suite.yaml", CliHarness.FAKE_UPPER + "  llm:\n" + system,
        "retries: 0\ngate:\n  rules:\n    - {rule: non_inferiority, metric: exact_match, margin: 0.05}\n");

    CliHarness.Result run = cli.run("run", "suite.yaml", "--system", "llm");
    assertThat(run.code()).as(run.toString()).isEqualTo(ExitCode.RUN_FAILED);
    assertThat(run.out()).doesNotContain("completed");
    assertThat(run.err()).contains("errors in run ", "(llm), by cause:", "20 of 20", "(e.g. q0)",
        "could not connect: nothing accepted the connection (is the server running?)")
        .containsPattern("FAILED: .*20").doesNotContain("\tat ", "Exception");

    CliHarness.Result gate = cli.run("gate", "suite.yaml", "--candidate", "llm", "--replicates", "200");
    assertThat(gate.code()).as(gate.toString()).isEqualTo(ExitCode.RUN_FAILED);
    assertThat(gate.out()).doesNotContain("verdict", "PASS", "FAIL ", "INCONCLUSIVE");
    assertThat(gate.err()).contains("llm").doesNotContain("share no example id");
  }
}
