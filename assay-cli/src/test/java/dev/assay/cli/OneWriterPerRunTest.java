package dev.assay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.ExampleResult;
import dev.assay.core.Json;
import dev.assay.core.RunLease;
import dev.assay.core.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, item 11: one writer per run. Two {@code assay run --resume ID} of one run at once both
 * executed every missing example (twice the calls and the cost, last write wins). The run is now
 * leased: the second resume exits 2 naming the process that holds it; a holder killed with SIGKILL
 * on this host does not block the run, and one on another host blocks it only until its lease
 * expires. Real processes, a real store file, and a system that logs every call it gets.
 */
class OneWriterPerRunTest {
  static final int N = 30;
  static final int KEPT = 5;

  @TempDir Path dir;
  CliHarness cli;
  String runId;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliHarness(dir);
    cli.dataset("data.jsonl", N);
    // Answers each request line and logs the example id; holds each answer while the file 'hold' exists.
    cli.write("logged.sh", """
        while read -r l; do
          id=$(printf '%s' "$l" | sed 's/^{"id" *: *"\\([^"]*\\)".*/\\1/')
          echo "$id" >> calls.log
          while [ -f hold ]; do sleep 0.05; done
          printf '{"id":"%s","output":"ok"}\\n' "$id"
        done
        """);
    cli.write("suite.yaml", "name: lease\ndataset:\n  path: data.jsonl\nsystems:\n  logged:\n    type: command\n"
        + "    command: [sh, logged.sh]\n"
        + "metrics: [exact_match]\nconcurrency: 1\nmax_error_rate: 0\n");
    CliHarness.Result run = cli.run("run", "suite.yaml", "--format", "json");
    assertThat(run.code()).as(run.toString()).isZero();
    runId = Json.MAPPER.readTree(run.out()).path("runs").get(0).path("run_id").asText();
    interrupt();
  }

  /** Leaves the run as a killed process would: running, with only the first results stored. */
  private void interrupt() throws Exception {
    cli.sql("DELETE FROM results WHERE example_index >= " + KEPT);
    cli.sql("UPDATE runs SET status = 'running', header = json_set(header, '$.status', 'running')");
    Files.deleteIfExists(dir.resolve("calls.log"));
    Files.writeString(dir.resolve("hold"), "");
  }

  private final Map<Process, Path> errs = new java.util.HashMap<>();

  private Process resumeInChild(Map<String, String> env) throws Exception {
    Path err = dir.resolve("child-" + System.nanoTime() + ".err");
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "run", "--resume", runId, "--no-cache")
        .directory(dir.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(err.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    errs.put(p, err);
    return p;
  }

  private Optional<RunLease> lease() {
    try (var store = cli.store()) {
      return store.lease(runId);
    }
  }

  /** Waits until the child holds the lease and has made a call. */
  private RunLease awaitLeaseHeldBy(Process child) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      Optional<RunLease> l = lease();
      if (l.isPresent() && l.get().pid() == child.pid() && Files.exists(dir.resolve("calls.log"))) {
        return l.get();
      }
      if (!child.isAlive()) {
        throw new AssertionError("the resuming child exited " + child.exitValue() + " before it was seen holding the"
            + " lease: " + Files.readString(errs.get(child)));
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the child took no lease within 60 s");
  }

  private List<String> calls() throws Exception {
    return Files.readAllLines(dir.resolve("calls.log"));
  }

  private void assertComplete() {
    try (var store = cli.store()) {
      assertThat(store.run(runId).orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
      List<ExampleResult> results = store.results(runId);
      assertThat(results).hasSize(N).allSatisfy(r -> assertThat(r.error()).isNull());
      assertThat(store.lease(runId)).as("the lease is given up at the end").isEmpty();
    }
  }

  @Test
  void aSecondResumeIsRefusedNamingTheProcessThatHoldsTheRun() throws Exception {
    Process first = resumeInChild(Map.of());
    Process second = null;
    try {
      RunLease held = awaitLeaseHeldBy(first);
      assertThat(held.action()).isEqualTo("resume");

      second = resumeInChild(Map.of());
      assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(second.exitValue()).isEqualTo(2);
      String err = Files.readString(errs.get(second));
      assertThat(err.strip()).startsWith("error: run " + runId + " is being resumed by process " + first.pid()
          + " on " + held.host() + " since ").doesNotContain("\tat ").hasLineCount(1);

      // In-process too, through the same check.
      CliHarness.Result inProcess = cli.run("run", "--resume", runId, "--no-cache");
      InputErrorAssert.oneLineInputError(inProcess, "is being resumed by process " + first.pid());

      Files.delete(dir.resolve("hold"));
      assertThat(first.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(first.exitValue()).isZero();
    } finally {
      first.destroyForcibly();
      if (second != null) {
        second.destroyForcibly();
      }
    }
    // Each missing example was executed once, by the holder only.
    assertThat(calls()).hasSize(N - KEPT).doesNotHaveDuplicates();
    assertComplete();
  }

  @Test
  void aHolderKilledOnThisHostDoesNotBlockTheRun() throws Exception {
    Process holder = resumeInChild(Map.of());
    RunLease held;
    try {
      held = awaitLeaseHeldBy(holder);
    } finally {
      holder.destroyForcibly(); // SIGKILL: no shutdown hook, the lease is not given up
      holder.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(holder.exitValue()).isEqualTo(137);
    assertThat(lease()).as("the killed holder's lease is still stored").isPresent();
    assertThat(Instant.now()).as("well before the 30 s lease expires").isBefore(held.expiresAt());

    // Its process is gone on this very host: the lease can never be renewed, so the run resumes now.
    Files.delete(dir.resolve("hold"));
    CliHarness.Result resumed = cli.run("run", "--resume", runId, "--no-cache", "--format", "json");
    assertThat(resumed.code()).as(resumed.toString()).isZero();
    assertComplete();
  }

  @Test
  void aLeaseHeldFromAnotherHostBlocksTheRunUntilItExpires() throws Exception {
    // A process on another machine sharing the store file: its liveness cannot be checked here,
    // so only the expiry frees the run.
    Instant now = Instant.now();
    RunLease remote = new RunLease(runId, "remote-owner", "resume", 4242, "build-agent-7", now, now,
        now.plusSeconds(3));
    try (var store = cli.store()) {
      assertThat(store.acquireLease(remote, now)).isEqualTo(remote);
    }
    CliHarness.Result blocked = cli.run("run", "--resume", runId, "--no-cache");
    if (Instant.now().isBefore(remote.expiresAt())) {
      InputErrorAssert.oneLineInputError(blocked, "run " + runId + " is being resumed by process 4242 on build-agent-7",
          "expires at");
      assertThat(Files.exists(dir.resolve("calls.log"))).as("the refused resume called nothing").isFalse();
    }
    while (!Instant.now().isAfter(remote.expiresAt())) {
      Thread.sleep(100);
    }
    Files.delete(dir.resolve("hold"));
    CliHarness.Result resumed = cli.run("run", "--resume", runId, "--no-cache", "--format", "json");
    assertThat(resumed.code()).as(resumed.toString()).isZero();
    assertThat(calls()).hasSize(N - KEPT).doesNotHaveDuplicates();
    assertComplete();
  }
}
