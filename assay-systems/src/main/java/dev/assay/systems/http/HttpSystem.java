package dev.assay.systems.http;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Invocation;
import dev.assay.core.Output;
import dev.assay.core.SystemException;
import dev.assay.core.SystemUnderTest;
import dev.assay.core.text.Secrets;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Any JSON-over-HTTP service (adapter type {@code http}): each call POSTs {@link
 * Config#request} filled from the example (see {@link RequestTemplate}) and answers with the
 * value at {@link Config#output} in the JSON response, as it is (a string, or structured JSON).
 *
 * <p>Faults are classified by {@link JsonHttp}; in addition a template field the example lacks and
 * an output pointer that matches nothing (or JSON null) are non-transient errors. Header values
 * may come from the environment; they are {@link Secrets} and never appear in messages.
 * Thread-safe; one pool of HTTP connections per system, closed with it.
 */
public final class HttpSystem implements SystemUnderTest {
  /**
   * @param name the system's name, for messages
   * @param url where to POST
   * @param request the body template
   * @param output pointer to the answer in the response
   * @param tokensIn pointer to the prompt token count, null when none
   * @param tokensOut pointer to the completion token count, null when none
   * @param pricing prices per million tokens
   * @param maxRetryAfterWait the longest 429 {@code Retry-After} a call sleeps itself
   */
  public record Config(String name, URI url, RequestTemplate request, JsonPointer output, JsonPointer tokensIn,
      JsonPointer tokensOut, Pricing pricing, Duration maxRetryAfterWait) {
    public Config {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(output, "output");
      Objects.requireNonNull(pricing, "pricing");
      Objects.requireNonNull(maxRetryAfterWait, "maxRetryAfterWait");
    }
  }

  private final Config config;
  private final JsonHttp http;
  private volatile boolean closed;

  /**
   * @param headers sent with every request; values may be secrets
   * @param secrets the secret header values, hidden from messages
   */
  public HttpSystem(Config config, Map<String, String> headers, Secrets secrets, JsonHttp.Sleeper sleeper) {
    this.config = config;
    this.http = new JsonHttp(config.name(), headers, secrets, config.maxRetryAfterWait(), sleeper);
  }

  /** Without prices the adapter has no cost to report (the API returns token counts, not money). */
  @Override
  public boolean neverReportsCost() {
    return config.pricing().equals(Pricing.NONE);
  }

  public Config config() {
    return config;
  }

  @Override
  public Output call(Invocation invocation) throws SystemException, InterruptedException {
    if (closed) {
      throw new SystemException("system '" + config.name() + "' is closed", false);
    }
    JsonNode body;
    try {
      body = config.request().render(new ExampleFields(invocation.example(), invocation.seed()));
    } catch (MissingFieldException e) {
      throw new SystemException(http.secrets().redact("system '" + config.name() + "': request " + e.getMessage()),
          false);
    }
    JsonNode response = http.post(config.url(), body, invocation.timeout());
    JsonNode value = response.at(config.output());
    if (value.isMissingNode() || value.isNull()) {
      throw new SystemException(http.secrets().redact("system '" + config.name() + "': output_pointer "
          + config.output() + " matches nothing in the response"), false);
    }
    Long tokensIn = count(response, config.tokensIn());
    Long tokensOut = count(response, config.tokensOut());
    // A service that echoes its credentials into the answer must not get them stored.
    return new Output(http.secrets().redact(value.deepCopy()), null, tokensIn, tokensOut,
        config.pricing().cost(tokensIn, tokensOut));
  }

  @Override
  public Secrets secrets() {
    return http.secrets();
  }

  private static Long count(JsonNode response, JsonPointer pointer) {
    if (pointer == null) {
      return null;
    }
    JsonNode n = response.at(pointer);
    return n.isIntegralNumber() && n.canConvertToLong() && n.longValue() >= 0 ? n.longValue() : null;
  }

  /** Refuses further calls and closes idle connections; idempotent. */
  @Override
  public void close() {
    closed = true;
    http.close();
  }
}
