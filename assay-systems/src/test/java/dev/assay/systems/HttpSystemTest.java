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

/** The {@code http} adapter meets the system contract, posting chat requests to the stub server. */
class HttpSystemTest extends SystemConformance {
  private static final Example REFUSED = Example.of("refused", "please refuse this", null);

  private static StubLlmServer stub;
  private static StubLlmServer slowStub;

  @BeforeAll
  static void startStub() throws Exception {
    stub = StubLlmServer.start(StubLlmServer.Config.echo().withAnswer(StubLlmServer.Answer.UPPER)
        .withAnswers(Map.of("please refuse this", StubLlmServer.REFUSE)).withApiKey(OpenAiSystemTest.KEY));
    slowStub = StubLlmServer.start(StubLlmServer.Config.echo().withLatencyMs(60_000).withApiKey(OpenAiSystemTest.KEY));
  }

  @AfterAll
  static void stopStub() {
    stub.close();
    slowStub.close();
  }

  /** A chat request template posted to {@code baseUrl}, its key from ${STUB_KEY}. */
  static ObjectNode params(String baseUrl) {
    ObjectNode p = Json.object().put("url", baseUrl + "/chat/completions")
        .put("output_pointer", "/choices/0/message/content")
        .put("tokens_in_pointer", "/usage/prompt_tokens").put("tokens_out_pointer", "/usage/completion_tokens");
    ObjectNode request = p.putObject("request");
    request.put("model", "stub-model");
    request.put("seed", "{{seed}}");
    request.putArray("messages").addObject().put("role", "user").put("content", "{{input}}");
    p.putObject("headers").put("Authorization", "Bearer ${STUB_KEY}");
    return p;
  }

  static SystemUnderTest http(ObjectNode params) {
    return new HttpSystemProvider().create(new SystemSpec("svc", "http", params, 4), OpenAiSystemTest.CONTEXT);
  }

  @Override
  protected SystemUnderTest newSystem() {
    return http(params(stub.baseUrl()));
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
    return Optional.of(http(params(slowStub.baseUrl())));
  }
}
