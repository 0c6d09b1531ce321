package dev.assay.systems;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Counts;
import dev.assay.core.Dataset;
import dev.assay.core.Example;
import dev.assay.core.ExampleResult;
import dev.assay.core.Json;
import dev.assay.core.LineageProbe;
import dev.assay.core.ResponseCache;
import dev.assay.core.RunIds;
import dev.assay.core.RunRecord;
import dev.assay.core.RunStatus;
import dev.assay.core.SystemSpec;
import dev.assay.core.SystemUnderTest;
import dev.assay.engine.Engine;
import dev.assay.engine.EngineListener;
import dev.assay.engine.RunSettings;
import dev.assay.testkit.InMemoryStore;
import dev.assay.testkit.StubLlmServer;
import dev.assay.testkit.StubLlmServer.Fault;
import dev.assay.testkit.StubLlmServer.FaultKind;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Engine runs through both HTTP adapters against a stub that faults 20% of requests (mixed
 * kinds): the run completes, every example ends with the right output or an error with its
 * reason, and the API key appears in no stored record or message.
 */
class HttpFaultRunTest {
  private static final int N = 100;

  @ParameterizedTest(name = "{0} adapter, retries {1}")
  @CsvSource({"openai, 4", "openai, 0", "http, 4", "http, 0"})
  void aRunWithTwentyPercentFaultsEndsEveryExampleWithAnOutputOrAReason(String adapter, int retries) throws Exception {
    StubLlmServer.Config config = StubLlmServer.Config.echo().withAnswer(StubLlmServer.Answer.UPPER)
        .withApiKey(OpenAiSystemTest.KEY)
        .withFaultTiming(50, 1, 100)
        .withFaults(Fault.fraction(FaultKind.RATE_LIMIT, 0.03), Fault.fraction(FaultKind.SERVER_ERROR, 0.04),
            Fault.fraction(FaultKind.MALFORMED_JSON, 0.04), Fault.fraction(FaultKind.DROP_CONNECTION, 0.04),
            Fault.fraction(FaultKind.SLOW_BODY, 0.03), Fault.fraction(FaultKind.LATENCY, 0.02));
    try (StubLlmServer stub = StubLlmServer.start(config)) {
      ObjectNode params = adapter.equals("openai")
          ? Json.object().put("base_url", stub.baseUrl()).put("model", "m").put("api_key_env", "STUB_KEY")
              .put("retry_after_max_s", 1)
          : HttpSystemTest.params(stub.baseUrl()).put("retry_after_max_s", 1);
      SystemSpec spec = new SystemSpec("sut", adapter, params, 0);
      SystemUnderTest system = adapter.equals("openai")
          ? new OpenAiSystemProvider().create(spec, OpenAiSystemTest.CONTEXT)
          : new HttpSystemProvider().create(spec, OpenAiSystemTest.CONTEXT);
      Dataset dataset = dataset();
      InMemoryStore store = new InMemoryStore();
      RunSettings settings = new RunSettings(16, Duration.ofSeconds(10), retries, null, 7, 1, false,
          Duration.ofMillis(5), Duration.ofMillis(50), RunSettings.DEFAULT_FLUSH_INTERVAL);
      RunRecord done;
      try (system) {
        done = new Engine(store, ResponseCache.NONE, EngineListener.NONE, Clock.systemUTC())
            .execute(header(spec, dataset), dataset, system, List.of(), settings, false);
      }
      assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
      List<ExampleResult> results = new ArrayList<>();
      store.forEachResult(done.runId(), results::add);
      assertThat(results).hasSize(N);
      for (ExampleResult r : results) {
        Example e = dataset.examples().get(r.index());
        if (r.ok()) {
          assertThat(r.output().asText()).as("output of %s", r.id()).isEqualTo(e.inputText().toUpperCase(Locale.ROOT));
          assertThat(r.tokensIn()).as("prompt tokens of %s", r.id()).isPositive();
        } else {
          assertThat(r.error()).as("error of %s", r.id())
              .containsAnyOf("HTTP 429", "HTTP 500", "malformed JSON", "connection error");
        }
      }
      Map<FaultKind, Long> injected = stub.faultsInjected();
      assertThat(injected.values().stream().mapToLong(Long::longValue).sum())
          .as("faults injected: %s", injected).isGreaterThanOrEqualTo(N / 10);
      long errors = results.stream().filter(r -> !r.ok()).count();
      if (retries == 0) {
        assertThat(errors).as("without retries, faulted examples fail: %s", injected).isPositive();
      } else {
        // A retried request is faulted again with probability 0.18 (the transient kinds);
        // five attempts all faulted is 0.18^5 ~ 2e-4 per example.
        assertThat(errors).as("with retries, faults are absorbed: %s", injected).isLessThanOrEqualTo(1);
      }
      String stored = Json.MAPPER.writeValueAsString(done.toJson()) + Json.MAPPER.writeValueAsString(results);
      assertThat(stored).as("the run's stored JSON").doesNotContain(OpenAiSystemTest.KEY);
    }
  }

  private static Dataset dataset() {
    List<Example> list = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      list.add(Example.of("q" + i, "question number " + i + " about faults", null));
    }
    return new Dataset("faults", list, "faults-" + N);
  }

  private static RunRecord header(SystemSpec spec, Dataset d) {
    return RunRecord.started(RunIds.next(), "faults", "faults.yaml", "faults", Json.object(), spec, null, d.source(),
        d.hash(), d.size(), 1, List.of(), null, null, LineageProbe.probe(Path.of(".")), 7, Instant.now());
  }
}
