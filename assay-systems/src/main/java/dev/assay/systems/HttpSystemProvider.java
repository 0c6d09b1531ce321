package dev.assay.systems;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Params;
import dev.assay.core.PluginContext;
import dev.assay.core.SystemProvider;
import dev.assay.core.SystemSpec;
import dev.assay.core.SystemUnderTest;
import dev.assay.systems.http.HttpSystem;
import dev.assay.systems.http.RequestTemplate;
import dev.assay.core.text.Secrets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adapter type {@code http}: an {@link HttpSystem}. Required parameters: {@code url}, {@code
 * request} (a JSON object with {@code {{field}}} placeholders in string values) and {@code
 * output_pointer}. Header values may reference environment variables as {@code ${NAME}}; those
 * are read when the system is created, and a missing one is an input error naming the variable.
 */
public final class HttpSystemProvider implements SystemProvider {
  private static final Pattern ENV_REF = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  @Override
  public String type() {
    return "http";
  }

  @Override
  public Set<String> parameters() {
    return Set.of("url", "request", "headers", "output_pointer", "tokens_in_pointer", "tokens_out_pointer",
        "price_in_per_million", "price_out_per_million", "retry_after_max_s");
  }

  @Override
  public SystemUnderTest create(SystemSpec spec, PluginContext context) {
    HttpParams p = new HttpParams(Params.of(spec, context.suiteFile()), context.env());
    Params params = p.params;
    var url = p.url("url", "the service's URL, e.g. http://127.0.0.1:8000/answer");
    JsonNode requestNode = params.raw("request");
    String expected = "a JSON object with {{field}} placeholders in its string values";
    if (requestNode == null) {
      throw params.fault("request", "missing", expected);
    }
    if (!requestNode.isObject()) {
      throw params.fault("request", "not an object: " + requestNode, expected);
    }
    RequestTemplate request;
    try {
      request = new RequestTemplate(requestNode);
    } catch (IllegalArgumentException e) {
      throw params.fault("request", e.getMessage(), expected);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    // Credentials in the URL (user info, ?api_key=) are secrets too: servers echo them.
    Secrets secrets = Secrets.NONE.withUrl(url.toString());
    JsonNode h = params.raw("headers");
    if (h != null) {
      if (!h.isObject()) {
        throw params.fault("headers", "not a map: " + h, "a map of header names to strings");
      }
      for (Map.Entry<String, JsonNode> e : h.properties()) {
        String field = "headers." + e.getKey();
        if (!e.getValue().isTextual()) {
          throw params.fault(field, "not a string: " + e.getValue(), "a string; ${NAME} reads an environment variable");
        }
        StringBuilder value = new StringBuilder();
        Matcher m = ENV_REF.matcher(e.getValue().textValue());
        while (m.find()) {
          String secret = p.envValue(field, m.group(1));
          secrets = secrets.with(secret);
          m.appendReplacement(value, Matcher.quoteReplacement(secret));
        }
        m.appendTail(value);
        try {
          // HttpRequest rejects restricted names (Host, Content-Length...) only when a request is
          // built; check now, so a bad header is an input error before the run.
          java.net.http.HttpRequest.newBuilder(url).header(e.getKey(), value.toString());
        } catch (IllegalArgumentException bad) {
          throw params.fault(field, secrets.redact(bad.getMessage()), "a header the HTTP client may set");
        }
        headers.put(e.getKey(), value.toString());
      }
    }
    HttpSystem.Config config = new HttpSystem.Config(spec.name(), url, request, p.pointer("output_pointer", true),
        p.pointer("tokens_in_pointer", false), p.pointer("tokens_out_pointer", false), p.pricing(), p.retryAfterMax());
    return new HttpSystem(config, headers, secrets, d -> Thread.sleep(d.toMillis()));
  }
}
