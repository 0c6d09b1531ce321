package dev.assay.systems.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.assay.core.Invocation;
import dev.assay.core.Json;
import dev.assay.core.Output;
import dev.assay.core.SystemException;
import dev.assay.core.SystemUnderTest;
import dev.assay.core.text.Secrets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An LLM behind an OpenAI-compatible API (adapter type {@code openai}): OpenAI, vLLM, llama.cpp's
 * server, Ollama, LiteLLM.
 *
 * <p>Each call renders {@link Config#prompt} from the example, posts one chat completion ({@code
 * BASE_URL/chat/completions}, an optional system message then the user message) or legacy
 * completion ({@code BASE_URL/completions}, the system prompt prepended to the prompt), and answers
 * with the first choice's text. Usage tokens come from the response's {@code usage}; the cost from
 * {@link Config#pricing}.
 *
 * <p>Faults are classified by {@link JsonHttp}; in addition a template field the example lacks and
 * a response without a first choice's text are non-transient errors. With {@link
 * Config#tokensPerMinute} set, each call first takes its estimated tokens (prompt characters / 4,
 * plus {@code max_tokens} or {@value #DEFAULT_COMPLETION_ESTIMATE}) from a {@link TokenBudget} and
 * settles the estimate against the reported usage afterwards. Requests per minute are the engine's
 * {@code rate_limit_rpm}.
 *
 * <p>The API key is sent as {@code Authorization: Bearer KEY} and is otherwise only held by {@link
 * Secrets}: it is in no record, message or {@code toString}. Thread-safe; the HTTP connections are
 * shared by all calls, and {@link #close()} closes the idle ones (on {@code https://} URLs the JDK 17
 * client has no close, so there idle connections end with the client).
 */
public final class OpenAiSystem implements SystemUnderTest {
  /** Completion tokens assumed for the token budget when {@code max_tokens} is not set. */
  public static final int DEFAULT_COMPLETION_ESTIMATE = 256;

  /** Which OpenAI endpoint. */
  public enum Endpoint {
    CHAT("chat/completions"),
    COMPLETIONS("completions");

    final String path;

    Endpoint(String path) {
      this.path = path;
    }
  }

  /** How the request's {@code seed} is chosen. */
  public sealed interface SeedPolicy {
    /** No seed is sent. */
    record None() implements SeedPolicy {}

    /** The invocation's seed, so repeats and examples get distinct, reproducible seeds. */
    record Auto() implements SeedPolicy {}

    /** Always this seed. */
    record Fixed(long seed) implements SeedPolicy {}
  }

  /**
   * @param name the system's name, for messages
   * @param baseUrl e.g. {@code http://127.0.0.1:8000/v1}; the endpoint path is appended
   * @param endpoint chat or legacy completions
   * @param model the {@code model} sent
   * @param temperature null to leave the server's default
   * @param maxTokens null to leave the server's default
   * @param seed the seed policy
   * @param systemPrompt null for none
   * @param prompt the user message template
   * @param pricing prices per million tokens
   * @param tokensPerMinute null for no token budget
   * @param maxRetryAfterWait the longest 429 {@code Retry-After} a call sleeps itself
   */
  public record Config(String name, URI baseUrl, Endpoint endpoint, String model, Double temperature, Integer maxTokens,
      SeedPolicy seed, String systemPrompt, PromptTemplate prompt, Pricing pricing, Long tokensPerMinute,
      Duration maxRetryAfterWait) {
    public Config {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(baseUrl, "baseUrl");
      Objects.requireNonNull(endpoint, "endpoint");
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(seed, "seed");
      Objects.requireNonNull(prompt, "prompt");
      Objects.requireNonNull(pricing, "pricing");
      Objects.requireNonNull(maxRetryAfterWait, "maxRetryAfterWait");
    }
  }

  private final Config config;
  private final URI uri;
  private final JsonHttp http;
  private final TokenBudget budget;
  private volatile boolean closed;

  /**
   * @param apiKey null for none; sent as a bearer token
   * @param sleeper how a 429 wait is slept ({@code d -> Thread.sleep(d.toMillis())} in production)
   */
  public OpenAiSystem(Config config, String apiKey, JsonHttp.Sleeper sleeper) {
    this.config = config;
    this.uri = endpoint(config.baseUrl(), config.endpoint().path);
    Map<String, String> headers = new LinkedHashMap<>();
    if (apiKey != null) {
      headers.put("Authorization", "Bearer " + apiKey);
    }
    // Credentials in the base URL (user info, ?api_key=) are secrets too: servers echo them.
    this.http = new JsonHttp(config.name(), headers, Secrets.NONE.with(apiKey).withUrl(config.baseUrl().toString()),
        config.maxRetryAfterWait(), sleeper);
    this.budget = config.tokensPerMinute() == null ? null : new TokenBudget(config.tokensPerMinute(), System::nanoTime);
  }

  /** Without prices the adapter has no cost to report (the API returns token counts, not money). */
  @Override
  public boolean neverReportsCost() {
    return config.pricing().equals(Pricing.NONE);
  }

  public Config config() {
    return config;
  }

  /**
   * The endpoint's URL: {@code path} appended to the base URL's path, its query (an {@code
   * api_key} some gateways take there) and user info kept as written.
   */
  static URI endpoint(URI base, String path) {
    String basePath = base.getRawPath() == null ? "" : base.getRawPath();
    String full = (basePath.endsWith("/") ? basePath : basePath + "/") + path;
    return URI.create(base.getScheme() + "://" + base.getRawAuthority() + full
        + (base.getRawQuery() == null ? "" : "?" + base.getRawQuery()));
  }

  @Override
  public Output call(Invocation invocation) throws SystemException, InterruptedException {
    if (closed) {
      throw new SystemException("system '" + config.name() + "' is closed", false);
    }
    ExampleFields fields = new ExampleFields(invocation.example(), invocation.seed());
    String prompt;
    try {
      prompt = config.prompt().render(fields);
    } catch (MissingFieldException e) {
      throw new SystemException(http.secrets().redact("system '" + config.name() + "': prompt " + e.getMessage()), false);
    }
    byte[] body;
    try {
      body = requestBytes(prompt, invocation.seed());
    } catch (IOException e) {
      throw new SystemException(http.secrets().redact("system '" + config.name() + "': cannot serialise the request: "
          + e.getMessage()), false);
    }
    long estimate = 0;
    if (budget != null) {
      estimate = estimate(prompt);
      budget.acquire(estimate);
    }
    boolean chat = config.endpoint() == Endpoint.CHAT;
    byte[][] raw = new byte[1][];
    OpenAiReply reply;
    try {
      reply = http.post(uri, body, invocation.timeout(), bytes -> {
        raw[0] = bytes;
        return OpenAiReply.read(bytes, chat);
      });
    } catch (SystemException | InterruptedException | RuntimeException e) {
      if (budget != null) {
        // A failed request consumed nothing the server will count against us, as far as we know.
        budget.settle(estimate, 0);
      }
      throw e;
    }
    Long tokensIn = reply.tokensIn();
    Long tokensOut = reply.tokensOut();
    if (budget != null) {
      long used = tokensIn != null || tokensOut != null
          ? (tokensIn == null ? 0 : tokensIn) + (tokensOut == null ? 0 : tokensOut) : estimate;
      budget.settle(estimate, used);
    }
    if (reply.text() == null) {
      String where = chat ? "choices[0].message.content" : "choices[0].text";
      throw new SystemException(http.secrets().redact("system '" + config.name() + "': the response has no text at "
          + where + (reply.hasError() ? ": " + errorOf(raw[0]) : "")), false);
    }
    // A proxy that echoes the caller's key into the answer must not get it stored or cached.
    return new Output(TextNode.valueOf(http.secrets().redact(reply.text())), null, tokensIn, tokensOut,
        config.pricing().cost(tokensIn, tokensOut));
  }

  @Override
  public Secrets secrets() {
    return http.secrets();
  }

  /** The response's {@code error} value in canonical JSON; only on this rare path is the body read as a tree. */
  private static String errorOf(byte[] body) {
    try {
      return Json.canonical(Json.MAPPER.readTree(body).get("error"));
    } catch (IOException e) {
      return "(unreadable)";
    }
  }

  /**
   * The request body of one call as UTF-8 JSON, written field by field: the same document as
   * {@link #body} without building a tree first.
   */
  byte[] requestBytes(String prompt, long invocationSeed) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(192 + 2 * prompt.length());
    try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("model", config.model());
      if (config.endpoint() == Endpoint.CHAT) {
        g.writeArrayFieldStart("messages");
        if (config.systemPrompt() != null) {
          g.writeStartObject();
          g.writeStringField("role", "system");
          g.writeStringField("content", config.systemPrompt());
          g.writeEndObject();
        }
        g.writeStartObject();
        g.writeStringField("role", "user");
        g.writeStringField("content", prompt);
        g.writeEndObject();
        g.writeEndArray();
      } else {
        g.writeStringField("prompt", config.systemPrompt() == null ? prompt : config.systemPrompt() + "\n\n" + prompt);
      }
      if (config.temperature() != null) {
        g.writeNumberField("temperature", config.temperature());
      }
      if (config.maxTokens() != null) {
        g.writeNumberField("max_tokens", config.maxTokens());
      }
      if (config.seed() instanceof SeedPolicy.Auto) {
        g.writeNumberField("seed", invocationSeed);
      } else if (config.seed() instanceof SeedPolicy.Fixed f) {
        g.writeNumberField("seed", f.seed());
      }
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  /** The request body of one call as a tree (package-visible for tests: {@link #requestBytes} writes the same). */
  ObjectNode body(String prompt, long invocationSeed) {
    ObjectNode body = Json.object();
    body.put("model", config.model());
    if (config.endpoint() == Endpoint.CHAT) {
      ArrayNode messages = body.putArray("messages");
      if (config.systemPrompt() != null) {
        messages.addObject().put("role", "system").put("content", config.systemPrompt());
      }
      messages.addObject().put("role", "user").put("content", prompt);
    } else {
      body.put("prompt", config.systemPrompt() == null ? prompt : config.systemPrompt() + "\n\n" + prompt);
    }
    if (config.temperature() != null) {
      body.put("temperature", config.temperature());
    }
    if (config.maxTokens() != null) {
      body.put("max_tokens", config.maxTokens());
    }
    if (config.seed() instanceof SeedPolicy.Auto) {
      body.put("seed", invocationSeed);
    } else if (config.seed() instanceof SeedPolicy.Fixed f) {
      body.put("seed", f.seed());
    }
    return body;
  }

  private long estimate(String prompt) {
    int system = config.systemPrompt() == null ? 0 : config.systemPrompt().length();
    long completion = config.maxTokens() == null ? DEFAULT_COMPLETION_ESTIMATE : config.maxTokens();
    return (prompt.length() + system) / 4 + completion;
  }

  /** Refuses further calls and closes idle connections; idempotent. */
  @Override
  public void close() {
    closed = true;
    http.close();
  }
}
