package dev.assay.systems;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.InputException;
import dev.assay.core.Params;
import dev.assay.systems.http.Pricing;
import dev.assay.systems.http.PromptTemplate;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;

/**
 * Parameter reading shared by the HTTP adapters, on top of the one reader {@link Params}: every
 * fault is an {@link InputException} naming {@code systems.NAME.PARAM}. Environment variables come
 * from the plug-in context, so tests need not set real ones; messages name variables, never values.
 */
final class HttpParams {
  static final Duration DEFAULT_RETRY_AFTER_MAX = Duration.ofSeconds(10);

  final Params params;
  private final Map<String, String> env;

  HttpParams(Params params, Map<String, String> env) {
    this.params = params;
    this.env = env;
  }

  String optionalString(String name) {
    return params.string(name, null);
  }

  /** An absolute http(s) URL. */
  URI url(String name, String expected) {
    String s = params.requiredString(name, expected);
    try {
      URI uri = new URI(s.strip());
      if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
          || uri.getHost() == null) {
        throw params.fault(name, "not an http or https URL with a host: " + s, expected);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw params.fault(name, "not a valid URL: " + e.getReason(), expected);
    }
  }

  PromptTemplate template(String name, String text) {
    try {
      return PromptTemplate.parse(text);
    } catch (IllegalArgumentException e) {
      throw params.fault(name, e.getMessage(), "text with {{field}} placeholders, e.g. \"Question: {{input}}\"");
    }
  }

  JsonPointer pointer(String name, boolean required) {
    String expected = "a JSON pointer, e.g. /choices/0/message/content";
    String s = required ? params.requiredString(name, expected) : optionalString(name);
    if (s == null) {
      return null;
    }
    try {
      return JsonPointer.compile(s);
    } catch (IllegalArgumentException e) {
      throw params.fault(name, "not a JSON pointer: " + s, expected);
    }
  }

  Pricing pricing() {
    String expected = "a price per million tokens, e.g. 0.15";
    return new Pricing(params.optionalNumber("price_in_per_million", AdapterLimits.PRICE_PER_MILLION, expected),
        params.optionalNumber("price_out_per_million", AdapterLimits.PRICE_PER_MILLION, expected));
  }

  Duration retryAfterMax() {
    Double s = params.optionalNumber("retry_after_max_s", AdapterLimits.RETRY_AFTER_MAX_S,
        "the longest Retry-After a call waits itself, in seconds");
    return s == null ? DEFAULT_RETRY_AFTER_MAX : Duration.ofMillis(Math.round(s * 1000));
  }

  /** The non-empty value of environment variable {@code variable}, named by parameter {@code name}. */
  String envValue(String name, String variable) {
    String value = env.get(variable);
    if (value == null || value.isEmpty()) {
      throw params.fault(name, "environment variable " + variable + " is not set",
          "export " + variable + " before running, or remove " + name);
    }
    return value;
  }
}
