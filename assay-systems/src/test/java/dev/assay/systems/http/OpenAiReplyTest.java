package dev.assay.systems.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The streaming read of a completion response gives what the tree lookups it replaced give, and
 * the streamed request is byte for byte the serialised tree {@code body()} builds.
 */
class OpenAiReplyTest {
  private static final long SEED = 7_2026_11_28L;

  /** The former tree-based reading, kept here as the reference. */
  private static OpenAiReply reference(String json, boolean chat) throws IOException {
    JsonNode response = Json.MAPPER.readTree(json);
    if (response == null || response.isMissingNode()) {
      return null;
    }
    JsonNode text = response.at(chat ? "/choices/0/message/content" : "/choices/0/text");
    return new OpenAiReply(text.isTextual() ? text.textValue() : null, count(response.at("/usage/prompt_tokens")),
        count(response.at("/usage/completion_tokens")), response.has("error"));
  }

  private static Long count(JsonNode n) {
    return n.canConvertToLong() && n.isIntegralNumber() && n.longValue() >= 0 ? n.longValue() : null;
  }

  private static void assertSame(String json) throws IOException {
    for (boolean chat : new boolean[] {true, false}) {
      assertThat(OpenAiReply.read(json.getBytes(StandardCharsets.UTF_8), chat))
          .as("%s (chat %s)", json, chat).isEqualTo(reference(json, chat));
    }
  }

  @Test
  void readsWhatTheTreeLookupsRead() throws IOException {
    List<String> cases = List.of(
        "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi \\u00e9\"},\"text\":\"t\"}],"
            + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":9223372036854775807}}",
        "{\"choices\":[],\"usage\":{\"prompt_tokens\":-1,\"completion_tokens\":2.0}}",
        "{\"choices\":{\"0\":{\"message\":{\"content\":\"object step\"},\"text\":\"x\"}}}",
        "{\"choices\":[{\"message\":{\"content\":null}}],\"usage\":{\"prompt_tokens\":99999999999999999999}}",
        "{\"choices\":[{\"message\":{\"content\":\"first\"}}],\"choices\":[{\"message\":[1]}]}",
        "{\"choices\":[{\"message\":{\"content\":\"a\",\"content\":\"b\"},\"text\":1,\"text\":\"c\"},{\"text\":\"2nd\"}]}",
        "{\"usage\":{\"prompt_tokens\":1},\"usage\":[1,2],\"error\":{\"message\":\"bad\"}}",
        "{\"error\":null}", "[1,2,3]", "\"text\"", "42", "{}", "", "   ",
        "{\"choices\":[[\"nested\"],{\"text\":\"no\"}]} trailing garbage");
    for (String json : cases) {
      assertSame(json);
    }
  }

  @Test
  void malformedJsonFailsAsATreeWouldFail() {
    for (String json : List.of("{\"choices\":[{\"message\":{\"content\":\"cut", "{\"a\":}", "{\"choices\":[1,]}")) {
      assertThatThrownBy(() -> OpenAiReply.read(json.getBytes(StandardCharsets.UTF_8), true)).as(json)
          .isInstanceOf(IOException.class);
      assertThatThrownBy(() -> Json.MAPPER.readTree(json)).as(json).isInstanceOf(IOException.class);
    }
  }

  @Test
  void randomResponseShapesReadAlike() throws IOException {
    Random random = new Random(SEED);
    for (int i = 0; i < 3_000; i++) {
      String json = value(random, 0, true);
      assertThat(OpenAiReply.read(json.getBytes(StandardCharsets.UTF_8), i % 2 == 0))
          .as("case %d of seed %d: %s", i, SEED, json).isEqualTo(reference(json, i % 2 == 0));
    }
  }

  /** A random JSON value biased towards the keys the reader looks for. */
  private static String value(Random r, int depth, boolean root) {
    int kind = root ? 0 : r.nextInt(depth > 3 ? 5 : 8);
    String[] keys = {"choices", "usage", "error", "message", "content", "text", "prompt_tokens", "completion_tokens",
        "0", "other"};
    switch (kind) {
      case 0, 5 -> {
        StringBuilder sb = new StringBuilder("{");
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
          sb.append(i > 0 ? "," : "").append('"').append(keys[r.nextInt(keys.length)]).append("\":")
              .append(value(r, depth + 1, false));
        }
        return sb.append('}').toString();
      }
      case 1, 6 -> {
        StringBuilder sb = new StringBuilder("[");
        int n = r.nextInt(3);
        for (int i = 0; i < n; i++) {
          sb.append(i > 0 ? "," : "").append(value(r, depth + 1, false));
        }
        return sb.append(']').toString();
      }
      case 2 -> {
        return "\"s" + r.nextInt(10) + (r.nextBoolean() ? "\\n\\u00e9" : "") + "\"";
      }
      case 3 -> {
        return switch (r.nextInt(5)) {
          case 0 -> Long.toString(r.nextLong());
          case 1 -> Integer.toString(r.nextInt(100));
          case 2 -> "1" + "0".repeat(20);
          case 3 -> "2.5";
          default -> "-0";
        };
      }
      default -> {
        return r.nextBoolean() ? "null" : "true";
      }
    }
  }

  @Test
  void theStreamedRequestIsTheDocumentTheTreeDescribes() throws Exception {
    PromptTemplate prompt = PromptTemplate.parse("{{input}}");
    List<OpenAiSystem.Config> configs = List.of(
        config(OpenAiSystem.Endpoint.CHAT, 0.25, 64, new OpenAiSystem.SeedPolicy.Auto(), "Be brief.", prompt),
        config(OpenAiSystem.Endpoint.CHAT, null, null, new OpenAiSystem.SeedPolicy.None(), null, prompt),
        config(OpenAiSystem.Endpoint.COMPLETIONS, 1e-7, 1, new OpenAiSystem.SeedPolicy.Fixed(-5), "Sys \"q\"", prompt),
        config(OpenAiSystem.Endpoint.COMPLETIONS, null, null, new OpenAiSystem.SeedPolicy.Auto(), null, prompt));
    for (OpenAiSystem.Config c : configs) {
      try (OpenAiSystem system = new OpenAiSystem(c, null, d -> {})) {
        for (String p : List.of("plain", "naïve \"quoted\" \\ tab\t line\n東京 \uD83D\uDE80", "")) {
          String streamed = new String(system.requestBytes(p, Long.MIN_VALUE), StandardCharsets.UTF_8);
          String tree = new String(Json.MAPPER.writeValueAsBytes(system.body(p, Long.MIN_VALUE)), StandardCharsets.UTF_8);
          assertThat(streamed).as("%s / %s", c, p).isEqualTo(tree);
        }
      }
    }
  }

  private static OpenAiSystem.Config config(OpenAiSystem.Endpoint endpoint, Double temperature, Integer maxTokens,
      OpenAiSystem.SeedPolicy seed, String systemPrompt, PromptTemplate prompt) {
    return new OpenAiSystem.Config("llm", java.net.URI.create("http://127.0.0.1:9/v1"), endpoint, "m-1", temperature,
        maxTokens, seed, systemPrompt, prompt, new Pricing(0.0, 0.0), null, Duration.ofSeconds(1));
  }
}
