package dev.assay.systems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Example;
import dev.assay.core.InputException;
import dev.assay.core.Invocation;
import dev.assay.core.Json;
import dev.assay.core.Output;
import dev.assay.core.Plugins;
import dev.assay.core.SystemException;
import dev.assay.core.SystemSpec;
import dev.assay.core.SystemUnderTest;
import dev.assay.testkit.SystemConformance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command adapter passes the conformance suite; crashes, timeouts, errors, the pool, params. */
class CommandSystemTest extends SystemConformance {
  @TempDir Path dir;

  private CommandSystem system(int processes, String... args) {
    return new CommandSystem(new CommandSystem.Config("echo", EchoProcess.command(args), dir, Map.of(), processes));
  }

  @Override
  protected SystemUnderTest newSystem() {
    return system(2, "--error-on-id", "unanswerable");
  }

  @Override
  protected String expectedOutput(Example e) {
    return e.inputText();
  }

  @Override
  protected Optional<Example> unanswerable() {
    return Optional.of(Example.of("unanswerable", "anything", null));
  }

  @Override
  protected Optional<SystemUnderTest> newSlowSystem() {
    return Optional.of(system(1, "--sleep-ms", "600000"));
  }

  @Override
  protected Runnable releaseCheck(SystemUnderTest open) {
    List<ProcessHandle> running = ((CommandSystem) open).processes();
    assertThat(running).as("processes of the open system").isNotEmpty();
    return () -> {
      assertThat(running).as("processes after close").noneMatch(ProcessHandle::isAlive);
      assertThat(((CommandSystem) open).processes()).isEmpty();
    };
  }

  private static Invocation call(String id, String input, Duration timeout) {
    return new Invocation(Example.of(id, input, null), 0, 7, timeout);
  }

  private static Invocation call(String id) {
    return call(id, "input of " + id, Duration.ofSeconds(30));
  }

  private static ProcessHandle only(CommandSystem s) {
    assertThat(s.processes()).hasSize(1);
    return s.processes().get(0);
  }

  @Test
  void outputsCarryTokensAndCostAndTheRequestCarriesAStructuredInput() throws Exception {
    ObjectNode input = Json.object().put("question", "why?").put("n", 2);
    try (CommandSystem s = system(1)) {
      Output out = s.call(new Invocation(new Example("q", input, null, Map.of(), null, 0), 1, 9, Duration.ofSeconds(30)));
      assertThat(out.text()).isEqualTo("{\"n\":2,\"question\":\"why?\"}");
      assertThat(out.tokensIn()).isEqualTo(3L);
      assertThat(out.tokensOut()).isNull();
      assertThat(out.cost()).isEqualTo(0.5);
      assertThat(out.latencyMs()).isNull();
    }
  }

  @Test
  void aCrashMidRequestIsTransientAndTheNextCallRunsOnARestartedProcess() throws Exception {
    Path marker = dir.resolve("crashed");
    try (CommandSystem s = system(1, "--crash-on-id", "boom", "--marker", marker.toString())) {
      assertThat(s.call(call("ex-0")).text()).isEqualTo("input of ex-0");
      ProcessHandle first = only(s);
      SystemException e = catchThrowableOfType(SystemException.class, () -> s.call(call("boom")));
      assertThat(e.isTransient()).as(e.getMessage()).isTrue();
      assertThat(e.getMessage())
          .contains("pid " + first.pid(), "exited with code 3", "while answering 'boom'")
          .contains("stderr: about to crash on boom | crashing on boom");
      assertThat(s.processes()).as("the dead process is forgotten").isEmpty();
      assertThat(s.call(call("boom")).text()).isEqualTo("input of boom");
      assertThat(only(s).pid()).isNotEqualTo(first.pid());
    }
  }

  @Test
  void aProcessThatClosesStdoutButKeepsRunningIsKilled() throws Exception {
    try (CommandSystem s = system(1, "--close-stdout-on-id", "mute")) {
      s.call(call("ex-0"));
      ProcessHandle first = only(s);
      SystemException e = catchThrowableOfType(SystemException.class, () -> s.call(call("mute")));
      assertThat(e.isTransient()).isTrue();
      assertThat(e.getMessage()).contains("closed its stdout but kept running, so it was killed");
      first.onExit().get(10, TimeUnit.SECONDS);
      assertThat(s.call(call("ex-1")).text()).isEqualTo("input of ex-1");
    }
  }

  @Test
  void aTimeoutKillsTheProcessAndTheNextCallRestartsIt() throws Exception {
    try (CommandSystem s = system(1, "--sleep-ms", "600000", "--sleep-only-id", "slow")) {
      s.call(call("ex-0"));
      ProcessHandle first = only(s);
      SystemException e = catchThrowableOfType(SystemException.class,
          () -> s.call(call("slow", "x", Duration.ofMillis(300))));
      assertThat(e.isTransient()).isTrue();
      assertThat(e.getMessage()).startsWith("timeout after 300ms waiting for command 'echo' (pid " + first.pid() + ")");
      first.onExit().get(10, TimeUnit.SECONDS);
      assertThat(first.isAlive()).isFalse();
      assertThat(s.call(call("ex-1")).text()).isEqualTo("input of ex-1");
      assertThat(only(s).pid()).isNotEqualTo(first.pid());
    }
  }

  @Test
  void interruptionKillsTheProcess() throws Exception {
    Path arrivals = Files.createDirectory(dir.resolve("arrivals"));
    try (CommandSystem s = system(1, "--rendezvous", arrivals.toString(), "--parties", "1",
        "--sleep-ms", "600000", "--sleep-only-id", "slow")) {
      s.call(call("ex-0"));
      ProcessHandle first = only(s);
      CompletableFuture<Throwable> outcome = new CompletableFuture<>();
      Thread caller = new Thread(() -> {
        try {
          s.call(call("slow"));
          outcome.complete(null);
        } catch (Throwable t) {
          outcome.complete(t);
        }
      });
      caller.start();
      Path arrived = arrivals.resolve(first.pid() + "-slow");
      while (!Files.exists(arrived)) {
        Thread.sleep(10); // until the process is busy with the request
      }
      caller.interrupt();
      assertThat(outcome.get(30, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
      first.onExit().get(10, TimeUnit.SECONDS);
      assertThat(s.processes()).isEmpty();
      assertThat(s.call(call("ex-1")).text()).isEqualTo("input of ex-1");
    }
  }

  @Test
  void errorAnswersAreNotTransientAndKeepTheProcess() throws Exception {
    try (CommandSystem s = system(1, "--error-on-id", "bad")) {
      s.call(call("ex-0"));
      ProcessHandle first = only(s);
      SystemException e = catchThrowableOfType(SystemException.class, () -> s.call(call("bad")));
      assertThat(e.isTransient()).isFalse();
      assertThat(e.getMessage()).endsWith("answered an error for 'bad': \"refusing to answer bad\"");
      assertThat(s.call(call("ex-1")).text()).isEqualTo("input of ex-1");
      assertThat(only(s).pid()).isEqualTo(first.pid());
    }
  }

  @Test
  void protocolViolationsAreTransientAndRestartTheProcess() throws Exception {
    try (CommandSystem s = system(1, "--wrong-id-on", "w", "--garbage-on", "g")) {
      s.call(call("ex-0"));
      ProcessHandle first = only(s);
      SystemException wrongId = catchThrowableOfType(SystemException.class, () -> s.call(call("w")));
      assertThat(wrongId.isTransient()).isTrue();
      assertThat(wrongId.getMessage()).contains("answered for id \"\\\"not-w\\\"\" instead of 'w'; restarting it");
      assertThat(s.call(call("ex-1")).text()).isEqualTo("input of ex-1");
      ProcessHandle second = only(s);
      assertThat(second.pid()).isNotEqualTo(first.pid());
      SystemException garbage = catchThrowableOfType(SystemException.class, () -> s.call(call("g")));
      assertThat(garbage.isTransient()).isTrue();
      assertThat(garbage.getMessage()).contains("answered a line that is not JSON: \"this is not JSON\"");
      assertThat(s.call(call("ex-2")).text()).isEqualTo("input of ex-2");
      assertThat(only(s).pid()).isNotIn(first.pid(), second.pid());
    }
  }

  @Test
  void aPoolOfTwoServesTwoCallsAtOnce() throws Exception {
    // Each request waits until two requests have arrived: one process alone would never answer.
    Path meeting = Files.createDirectory(dir.resolve("meeting"));
    try (CommandSystem s = system(2, "--rendezvous", meeting.toString(), "--parties", "2", "--pid-in-output")) {
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        Future<Output> a = pool.submit(() -> s.call(call("a")));
        Future<Output> b = pool.submit(() -> s.call(call("b")));
        String pidA = a.get(60, TimeUnit.SECONDS).text().replaceAll(".* @", "");
        String pidB = b.get(60, TimeUnit.SECONDS).text().replaceAll(".* @", "");
        assertThat(pidA).isNotEqualTo(pidB);
        assertThat(s.processes()).extracting(h -> String.valueOf(h.pid())).containsExactlyInAnyOrder(pidA, pidB);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void aChattyStderrNeverBlocksTheProcess() throws Exception {
    // 256 KiB per request is four times a Linux pipe buffer: undrained, the process would stall.
    try (CommandSystem s = system(1, "--stderr-kb", "256")) {
      for (int i = 0; i < 4; i++) {
        assertThat(s.call(call("ex-" + i)).text()).isEqualTo("input of ex-" + i);
      }
    }
  }

  @Test
  void closeKillsAProcessThatIgnoresTheRequestToEnd() throws Exception {
    CommandSystem s = system(1, "--hang-on-sigterm");
    s.call(call("ex-0"));
    ProcessHandle first = only(s);
    s.close();
    assertThat(first.isAlive()).isFalse();
    SystemException e = catchThrowableOfType(SystemException.class, () -> s.call(call("ex-1")));
    assertThat(e.isTransient()).isFalse();
    assertThat(e.getMessage()).isEqualTo("system 'echo' is closed");
  }

  // ---- the provider ----

  private static final String JAVA = ProcessHandle.current().info().command().orElseThrow();

  private SystemSpec spec(ObjectNode params) {
    return new SystemSpec("cmd", "command", params, 4);
  }

  private Path suite() {
    return dir.resolve("suite.yaml");
  }

  private static ObjectNode params(List<String> command) {
    ObjectNode p = Json.object();
    command.forEach(p.putArray("command")::add);
    return p;
  }

  @Test
  void theProviderRunsInTheSuiteFolderWithTheGivenEnvironment() throws Exception {
    assertThat(Plugins.installed().systemTypes()).contains("command", "predictions");
    ObjectNode p = params(EchoProcess.command("--answer", "cwd"));
    try (SystemUnderTest s = Plugins.installed().system(spec(p), dev.assay.testkit.Contexts.suite(suite()))) {
      assertThat(s.call(call("ex-0")).text()).isEqualTo(dir.toAbsolutePath().toString());
    }
    Path sub = Files.createDirectory(dir.resolve("work"));
    p.put("workdir", "work");
    p.putObject("env").put("ASSAY_TEST_VAR", "hello world").put("ASSAY_N", 5);
    p.put("processes", 1);
    CommandSystem.Config config = CommandSystemProvider.config(spec(p), dev.assay.testkit.Contexts.suite(suite()));
    assertThat(config.workdir()).isEqualTo(sub);
    assertThat(config.env()).isEqualTo(Map.of("ASSAY_TEST_VAR", "hello world", "ASSAY_N", "5"));
    p.set("command", params(EchoProcess.command("--answer", "env:ASSAY_TEST_VAR")).get("command"));
    try (SystemUnderTest s = new CommandSystemProvider().create(spec(p), dev.assay.testkit.Contexts.suite(suite()))) {
      assertThat(s.call(call("ex-0")).text()).isEqualTo("hello world");
    }
  }

  @Test
  void aStringCommandIsSplitOnWhitespaceAndProcessesStartAtCreation() throws Exception {
    ObjectNode p = Json.object().put("command", "  " + JAVA + "  -version\t--x ").put("processes", 3);
    CommandSystem.Config config = CommandSystemProvider.config(spec(p), dev.assay.testkit.Contexts.suite(suite()));
    assertThat(config.command()).containsExactly(JAVA, "-version", "--x");
    assertThat(config.processes()).isEqualTo(3);
    ObjectNode echo = params(EchoProcess.command());
    echo.put("processes", 2);
    try (CommandSystem s = (CommandSystem) new CommandSystemProvider().create(spec(echo), dev.assay.testkit.Contexts.suite(suite()))) {
      assertThat(s.processes()).hasSize(2);
    }
  }

  @Test
  void badParametersNameTheSuiteFileAndParameter() {
    String at = suite() + ":4: field 'systems.cmd.";
    assertThat(bad(Json.object())).isEqualTo(at + "command': missing (" + "a list of strings, e.g. [python, answer.py], or one string)");
    assertThat(bad(Json.object().put("command", "   "))).startsWith(at + "command': empty");
    assertThat(bad(Json.object().put("command", 3))).startsWith(at + "command': not a list or a string: 3");
    ObjectNode mixed = Json.object();
    mixed.putArray("command").add("java").add(1);
    assertThat(bad(mixed)).startsWith(at + "command': element 1 is not a string: 1");
    assertThat(bad(params(List.of(JAVA)).put("processes", 0))).startsWith(at + "processes': got 0 (an integer from 1 to 256");
    assertThat(bad(params(List.of(JAVA)).put("workdir", "nowhere")))
        .startsWith(at + "workdir': no such folder: " + dir.resolve("nowhere"));
    ObjectNode env = params(List.of(JAVA));
    env.putObject("env").putArray("X");
    assertThat(bad(env)).startsWith(at + "env.X': not a string: []");
    assertThat(bad(params(List.of("/definitely/not/a/program"))))
        .startsWith(at + "command': cannot start: Cannot run program \"/definitely/not/a/program\"");
  }

  private String bad(ObjectNode params) {
    try (SystemUnderTest s = new CommandSystemProvider().create(spec(params), dev.assay.testkit.Contexts.suite(suite()))) {
      throw new AssertionError("no InputException for " + params + ", got " + s);
    } catch (InputException e) {
      return e.render();
    }
  }
}
