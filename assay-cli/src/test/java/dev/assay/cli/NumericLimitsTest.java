package dev.assay.cli;

import static dev.assay.cli.InputErrorAssert.noRun;
import static dev.assay.cli.InputErrorAssert.oneLineInputError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Probe 2: absurd numeric settings are input errors naming the key, its value and the documented
 * range (docs/security.md), raised before any run exists or any process starts. Before the fix,
 * {@code concurrency: 1000000} started a million threads, {@code repeats: 1000000000} left a run
 * stuck "running", {@code processes: 100000} hung, {@code rate_limit_rpm: 1e-12} silently removed
 * the limit, and {@code --replicates 2000000000} died of OutOfMemoryError.
 */
class NumericLimitsTest {
  private static final String SUITE = "name: limits\ndataset:\n  path: data.jsonl\nsystems:\n"
      + "  s:\n    type: fake\nmetrics: [exact_match]\n";

  @TempDir Path dir;
  CliHarness cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliHarness(dir);
    cli.write("data.jsonl", "{\"id\":\"a\",\"input\":\"x\",\"reference\":\"x\"}\n"
        + "{\"id\":\"b\",\"input\":\"y\",\"reference\":\"y\"}\n{\"id\":\"c\",\"input\":\"z\",\"reference\":\"z\"}\n");
    cli.write("a.jsonl", "{\"id\":\"a\",\"m\":1}\n{\"id\":\"b\",\"m\":0}\n");
    cli.write("b.jsonl", "{\"id\":\"a\",\"m\":1}\n{\"id\":\"b\",\"m\":1}\n");
  }

  static Stream<Arguments> suiteSettings() {
    return Stream.of(
        Arguments.of(SUITE + "concurrency: 1000000\n", "field 'concurrency': got 1000000 (an integer from 1 to 1,024)"),
        Arguments.of(SUITE + "repeats: 1000000000\n", "field 'repeats': got 1000000000 (an integer from 1 to 1,000)"),
        Arguments.of(SUITE + "retries: 1000000000\n", "field 'retries': got 1000000000 (an integer from 0 to 20)"),
        Arguments.of(SUITE + "rate_limit_rpm: 1e-12\n", "field 'rate_limit_rpm': got 1E-12 (a number from 0.001 to"),
        Arguments.of(SUITE + "timeout: 1000h\n", "field 'timeout': got the string \"1000h\" (a duration from 1ms to 24h"),
        Arguments.of(SUITE.replace("type: fake\n", "type: fake\n    rate_limit_rpm: 1e-12\n"),
            "field 'systems.s.rate_limit_rpm': got 1E-12 (a number from 0.001 to"),
        Arguments.of(SUITE.replace("type: fake\n", "type: command\n    command: [cat]\n    processes: 100000\n"),
            "field 'systems.s.processes': got 100000 (an integer from 1 to 256"),
        Arguments.of(SUITE.replace("type: fake\n", "type: openai\n    base_url: http://127.0.0.1:9/v1\n"
            + "    model: m\n    temperature: 1e9\n"), "field 'systems.s.temperature': got 1000000000 (a number from 0 to 2"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("suiteSettings")
  void suiteSettingOutOfRangeIsAnInputErrorBeforeAnyRun(String suite, String message) throws Exception {
    cli.write("suite.yaml", suite);
    CliHarness.Result r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> cli.run("run", "suite.yaml"));
    oneLineInputError(r, "suite.yaml:", message);
    noRun(cli);
  }

  static Stream<Arguments> options() {
    return Stream.of(
        Arguments.of(new String[] {"compare", "a.jsonl", "b.jsonl", "--replicates", "2000000000"},
            "--replicates 2000000000 is out of range (an integer from 1 to 1,000,000)"),
        Arguments.of(new String[] {"compare", "a.jsonl", "b.jsonl", "--confidence", "1e-300"},
            "--confidence 1E-300 is out of range (a number from 0.5 to 0.9999)"),
        Arguments.of(new String[] {"compare", "a.jsonl", "b.jsonl", "--confidence", "1.5"},
            "--confidence 1.5 is out of range (a number from 0.5 to 0.9999)"),
        Arguments.of(new String[] {"report", "nope", "--max-flips", "1000000000"},
            "--max-flips 1000000000 is out of range (an integer from 0 to 100,000)"),
        Arguments.of(new String[] {"card", "s", "--confidence", "0.1"},
            "--confidence 0.1 is out of range (a number from 0.5 to 0.9999)"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("options")
  void optionOutOfRangeIsAUsageError(String[] args, String message) {
    CliHarness.Result r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> cli.run(args));
    oneLineInputError(r, message);
  }

  @Test
  void gateConfidenceHasTheSameRange() throws Exception {
    cli.write("gate.yaml", "confidence: 0.000001\nrules:\n  - {rule: superiority, metric: m}\n");
    CliHarness.Result r = cli.run("compare", "a.jsonl", "b.jsonl", "--gate", "gate.yaml");
    oneLineInputError(r, "gate.yaml:1: field 'confidence': got 0.000001 (a number from 0.5 to 0.9999)");
  }

  /** The engine starts no more workers than there are examples to run, whatever the concurrency. */
  @Test
  void engineStartsNoMoreWorkersThanPendingExamples() throws Exception {
    cli.write("suite.yaml", SUITE.replace("type: fake\n", "type: fake\n    latency_ms: 300\n") + "concurrency: 1024\n");
    AtomicInteger most = new AtomicInteger();
    AtomicBoolean running = new AtomicBoolean(true);
    Thread watcher = new Thread(() -> {
      while (running.get()) {
        long workers = Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().equals("assay-worker-s")).count();
        most.accumulateAndGet((int) workers, Math::max);
        Thread.onSpinWait();
      }
    });
    watcher.start();
    CliHarness.Result r;
    try {
      r = cli.run("run", "suite.yaml");
    } finally {
      running.set(false);
      watcher.join();
    }
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(most.get()).as("worker threads seen while 3 examples ran").isBetween(1, 3);
  }
}
