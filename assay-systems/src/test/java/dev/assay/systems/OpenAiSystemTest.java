package dev.assay.systems;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Example;
import dev.assay.core.Json;
import dev.assay.core.SystemSpec;
import dev.assay.core.SystemUnderTest;
import dev.assay.testkit.StubLlmServer;
import dev.assay.testkit.SystemConformance;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The {@code openai} adapter meets the system contract against the stub server. */
class OpenAiSystemTest extends SystemConformance {
  static final String KEY = "sk-test-9f8e7d6c5b4a39281706";
  static final Map<String, String> ENV = Map.of("STUB_KEY", KEY);
  /** Plug-in context of the adapter tests: no suite, the stub's key in the environment. */
  static final dev.assay.core.PluginContext CONTEXT = new dev.assay.core.PluginContext(null,
      java.nio.file.Path.of("").toAbsolutePath(), ENV, null, null, null);
  private static final Example REFUSED = Example.of("refused", "please refuse this", null);

  private static StubLlmServer stub;
  private static StubLlmServer slowStub;

  @BeforeAll
  static void startStub() throws Exception {
    stub = StubLlmServer.start(StubLlmServer.Config.echo().withAnswer(StubLlmServer.Answer.UPPER)
        .withAnswers(Map.of("please refuse this", StubLlmServer.REFUSE)).withApiKey(KEY));
    slowStub = StubLlmServer.start(StubLlmServer.Config.echo().withLatencyMs(60_000).withApiKey(KEY));
  }

  @AfterAll
  static void stopStub() {
    stub.close();
    slowStub.close();
  }

  static SystemUnderTest openai(String baseUrl, ObjectNode extra) {
    ObjectNode p = Json.object().put("base_url", baseUrl).put("model", "stub-model").put("api_key_env", "STUB_KEY");
    if (extra != null) {
      p.setAll(extra);
    }
    return new OpenAiSystemProvider().create(new SystemSpec("llm", "openai", p, 3), CONTEXT);
  }

  @Override
  protected SystemUnderTest newSystem() {
    return openai(stub.baseUrl(), null);
  }

  @Override
  protected String expectedOutput(Example e) {
    return e.inputText().toUpperCase(Locale.ROOT);
  }

  @Override
  protected Optional<Example> unanswerable() {
    return Optional.of(REFUSED);
  }

  @Override
  protected Optional<SystemUnderTest> newSlowSystem() {
    return Optional.of(openai(slowStub.baseUrl(), null));
  }
}
