package dev.assay.systems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.assay.core.Example;
import dev.assay.core.InputException;
import dev.assay.core.Invocation;
import dev.assay.core.Json;
import dev.assay.core.Output;
import dev.assay.core.Plugins;
import dev.assay.core.SystemException;
import dev.assay.core.SystemSpec;
import dev.assay.core.SystemUnderTest;
import dev.assay.systems.http.OpenAiSystem;
import dev.assay.testkit.StubLlmServer;
import dev.assay.testkit.StubLlmServer.Fault;
import dev.assay.testkit.StubLlmServer.FaultKind;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the {@code openai} adapter sends, records and reports, fault by fault. */
class OpenAiAdapterTest {
  private static final String KEY = OpenAiSystemTest.KEY;

  private static OpenAiSystem system(StubLlmServer stub, ObjectNode extra, List<Duration> sleeps) {
    ObjectNode p = Json.object().put("base_url", stub.baseUrl()).put("model", "m-1").put("api_key_env", "STUB_KEY");
    p.setAll(extra);
    SystemSpec spec = new SystemSpec("llm", "openai", p, 3);
    OpenAiSystem.Config config = ((OpenAiSystem) new OpenAiSystemProvider()
        .create(spec, OpenAiSystemTest.CONTEXT)).config();
    return new OpenAiSystem(config, KEY, sleeps::add);
  }

  private static Invocation call(Example e, long seed) {
    return new Invocation(e, 0, seed, Duration.ofSeconds(20));
  }

  private static JsonNode lastBody(StubLlmServer stub) throws Exception {
    List<StubLlmServer.Request> r = stub.requests();
    return Json.MAPPER.readTree(r.get(r.size() - 1).body());
  }

  @Test
  void chatRequestCarriesModelSamplingSeedAndBothMessages() throws Exception {
    try (StubLlmServer stub = StubLlmServer.start(StubLlmServer.Config.echo().withApiKey(KEY))) {
      ObjectNode extra = Json.object().put("temperature", 0.25).put("max_tokens", 64).put("seed", "auto")
          .put("system_prompt", "Be brief.").put("prompt", "Q: {{question}} ({{topic}}, {{lang}})")
          .put("price_in_per_million", 2.0).put("price_out_per_million", 8.0);
      ObjectNode input = Json.object().put("question", "why is the sky blue");
      ObjectNode extraFields = Json.object().put("lang", "en");
      Example e = new Example("e1", input, null, Map.of("topic", "physics"), extraFields, 1);
      try (OpenAiSystem sys = system(stub, extra, new ArrayList<>())) {
        Output out = sys.call(call(e, 4242));
        assertThat(out.text()).isEqualTo("Q: why is the sky blue (physics, en)");
        JsonNode body = lastBody(stub);
        assertThat(body.get("model").asText()).isEqualTo("m-1");
        assertThat(body.get("temperature").asDouble()).isEqualTo(0.25);
        assertThat(body.get("max_tokens").asInt()).isEqualTo(64);
        assertThat(body.get("seed").asLong()).as("seed: auto sends the invocation seed").isEqualTo(4242);
        assertThat(body.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(body.at("/messages/0/content").asText()).isEqualTo("Be brief.");
        assertThat(body.at("/messages/1/content").asText()).isEqualTo("Q: why is the sky blue (physics, en)");
        // The stub counts words: "Be brief." (2) + the prompt (8); the answer echoes the prompt.
        assertThat(out.tokensIn()).isEqualTo(10);
        assertThat(out.tokensOut()).isEqualTo(8);
        assertThat(out.cost()).isCloseTo((10 * 2.0 + 8 * 8.0) / 1e6, org.assertj.core.data.Offset.offset(1e-15));
      }
    }
  }

  @Test
  void legacyCompletionsFixedSeedAndNoSeed() throws Exception {
    try (StubLlmServer stub = StubLlmServer.start(StubLlmServer.Config.echo().withApiKey(KEY))) {
      try (OpenAiSystem sys = system(stub, Json.object().put("endpoint", "completions").put("seed", 7), List.of())) {
        assertThat(sys.call(call(Example.of("a", "hello there", null), 99)).text()).isEqualTo("hello there");
        JsonNode body = lastBody(stub);
        assertThat(body.get("prompt").asText()).isEqualTo("hello there");
        assertThat(body.get("seed").asLong()).isEqualTo(7);
        assertThat(stub.requests().get(0).path()).isEqualTo("/v1/completions");
      }
      try (OpenAiSystem sys = system(stub, Json.object(), List.of())) {
        sys.call(call(Example.of("a", "hi", null), 99));
        assertThat(lastBody(stub).has("seed")).as("no seed parameter: no seed sent").isFalse();
      }
    }
  }

  @Test
  void aMissingTemplateFieldIsAPermanentErrorNamingItAndSendsNothing() throws Exception {
    try (StubLlmServer stub = StubLlmServer.start(StubLlmServer.Config.echo().withApiKey(KEY));
        OpenAiSystem sys = system(stub, Json.object().put("prompt", "{{input}} / {{context}}"), List.of())) {
      SystemException e = catchThrowableOfType(SystemException.class,
          () -> sys.call(call(Example.of("ex-9", "q", "r"), 1)));
      assertThat(e.isTransient()).isFalse();
      assertThat(e.getMessage()).contains("'context'", "'ex-9'", "input, reference, seed");
      assertThat(stub.requestCount()).isZero();
    }
  }

  @Test
  void rateLimitWithRetryAfterSleepsInsideTheCallThenReportsATransientFault() throws Exception {
    StubLlmServer.Config config = StubLlmServer.Config.echo().withApiKey(KEY).withFaultTiming(0, 2, 0)
        .withFaults(Fault.onRequests(FaultKind.RATE_LIMIT, 1, 2));
    try (StubLlmServer stub = StubLlmServer.start(config)) {
      List<Duration> sleeps = new ArrayList<>();
      try (OpenAiSystem sys = system(stub, Json.object().put("retry_after_max_s", 5), sleeps)) {
        SystemException e = catchThrowableOfType(SystemException.class, () -> sys.call(call(Example.of("a", "x", null), 1)));
        assertThat(e.isTransient()).isTrue();
        assertThat(e.getMessage()).contains("HTTP 429", "waited Retry-After 2000 ms");
        assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
      }
      sleeps.clear();
      try (OpenAiSystem sys = system(stub, Json.object().put("retry_after_max_s", 1), sleeps)) {
        SystemException e = catchThrowableOfType(SystemException.class, () -> sys.call(call(Example.of("a", "x", null), 1)));
        assertThat(e.isTransient()).isTrue();
        assertThat(e.getMessage()).contains("Retry-After 2 s, longer than this call may wait");
        assertThat(sleeps).as("a wait above retry_after_max_s is reported, not slept").isEmpty();
        assertThat(sys.call(call(Example.of("a", "x", null), 1)).text()).isEqualTo("x");
      }
    }
  }

  @Test
  void faultsAreClassifiedTransientOrPermanent() throws Exception {
    StubLlmServer.Config config = StubLlmServer.Config.echo().withApiKey(KEY).withFaultTiming(0, 1, 3000)
        .withFaults(Fault.onRequests(FaultKind.SERVER_ERROR, 1), Fault.onRequests(FaultKind.MALFORMED_JSON, 2),
            Fault.onRequests(FaultKind.DROP_CONNECTION, 3), Fault.onRequests(FaultKind.SLOW_BODY, 4));
    try (StubLlmServer stub = StubLlmServer.start(config); OpenAiSystem sys = system(stub, Json.object(), List.of())) {
      Example e = Example.of("a", "x", null);
      for (String expected : List.of("HTTP 500", "malformed JSON", "connection error")) {
        SystemException ex = catchThrowableOfType(SystemException.class, () -> sys.call(call(e, 1)));
        assertThat(ex.isTransient()).as(expected).isTrue();
        assertThat(ex.getMessage()).contains(expected);
      }
      SystemException slow = catchThrowableOfType(SystemException.class,
          () -> sys.call(new Invocation(e, 0, 1, Duration.ofMillis(300))));
      assertThat(slow.isTransient()).isTrue();
      assertThat(slow.getMessage()).contains("timeout after 300 ms");
      assertThat(sys.call(call(e, 1)).text()).isEqualTo("x");
    }
    try (StubLlmServer stub = StubLlmServer.start(StubLlmServer.Config.echo().withApiKey("another-key"));
        OpenAiSystem sys = system(stub, Json.object(), List.of())) {
      SystemException ex = catchThrowableOfType(SystemException.class, () -> sys.call(call(Example.of("a", "x", null), 1)));
      assertThat(ex.isTransient()).as("401 is permanent").isFalse();
      assertThat(ex.getMessage()).contains("HTTP 401", "missing or wrong API key");
    }
  }

  @Test
  void aKeyEchoedByTheServerIsRedactedFromMessages() throws Exception {
    HttpServer echoing = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    echoing.createContext("/", ex -> {
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      byte[] body = ("{\"error\": {\"message\": \"Incorrect API key provided: " + auth + "\"}}")
          .getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(400, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    echoing.start();
    try {
      ObjectNode p = Json.object().put("base_url", "http://127.0.0.1:" + echoing.getAddress().getPort() + "/v1")
          .put("model", "m").put("api_key_env", "STUB_KEY");
      try (SystemUnderTest sys = new OpenAiSystemProvider()
          .create(new SystemSpec("llm", "openai", p, 1), OpenAiSystemTest.CONTEXT)) {
        SystemException ex = catchThrowableOfType(SystemException.class, () -> sys.call(call(Example.of("a", "x", null), 1)));
        assertThat(ex.getMessage()).contains("Incorrect API key provided: Bearer ***").doesNotContain(KEY);
        assertThat(sys.toString()).doesNotContain(KEY);
      }
    } finally {
      echoing.stop(0);
    }
  }

  @Test
  void badParametersAreInputErrorsNamingTheField() {
    OpenAiSystemProvider provider = new OpenAiSystemProvider();
    record Case(ObjectNode params, String field, String text) {}
    List<Case> cases = List.of(
        new Case(Json.object().put("model", "m"), "systems.llm.base_url", "missing"),
        new Case(Json.object().put("base_url", "ftp://x").put("model", "m"), "systems.llm.base_url", "http or https"),
        new Case(Json.object().put("base_url", "http://h/v1"), "systems.llm.model", "missing"),
        new Case(Json.object().put("base_url", "http://h/v1").put("model", "m").put("endpoint", "chats"),
            "systems.llm.endpoint", "did you mean 'chat'"),
        new Case(Json.object().put("base_url", "http://h/v1").put("model", "m").put("seed", "random"),
            "systems.llm.seed", "got the string \"random\" (auto (the invocation's seed) or an integer)"),
        new Case(Json.object().put("base_url", "http://h/v1").put("model", "m").put("prompt", "{{input"),
            "systems.llm.prompt", "not closed"),
        new Case(Json.object().put("base_url", "http://h/v1").put("model", "m").put("temperature", -1),
            "systems.llm.temperature", "got -1 (a number from 0 to 2"),
        new Case(Json.object().put("base_url", "http://h/v1").put("model", "m").put("api_key_env", "NOPE_KEY"),
            "systems.llm.api_key_env", "environment variable NOPE_KEY is not set"));
    for (Case c : cases) {
      assertThatThrownBy(() -> provider.create(new SystemSpec("llm", "openai", c.params(), 5), OpenAiSystemTest.CONTEXT))
          .as("params %s", c.params())
          .isInstanceOfSatisfying(InputException.class, e -> {
            assertThat(e.field()).isEqualTo(c.field());
            assertThat(e.line()).isEqualTo(5);
            assertThat(e.render()).contains(c.text());
          });
    }
  }

  @Test
  void everyHttpAdapterAcceptsTheEnginesRateLimit() {
    Plugins plugins = Plugins.installed();
    for (String type : List.of("openai", "http")) {
      ObjectNode p = Json.object().put("rate_limit_rpm", 60);
      plugins.checkSystem(new SystemSpec("s", type, p, 1), null);
    }
    assertThatThrownBy(() -> plugins.checkSystem(new SystemSpec("s", "openai", Json.object().put("modle", "m"), 1), null))
        .isInstanceOf(InputException.class).hasMessageContaining("unknown parameter");
  }
}
