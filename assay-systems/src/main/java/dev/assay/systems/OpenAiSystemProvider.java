package dev.assay.systems;

import dev.assay.core.Params;
import dev.assay.core.PluginContext;
import dev.assay.core.SystemProvider;
import dev.assay.core.SystemSpec;
import dev.assay.core.SystemUnderTest;
import dev.assay.systems.http.OpenAiSystem;
import dev.assay.systems.http.OpenAiSystem.Endpoint;
import dev.assay.systems.http.OpenAiSystem.SeedPolicy;
import java.util.List;
import java.util.Set;

/**
 * Adapter type {@code openai}: an {@link OpenAiSystem}. Parameters are documented in {@code
 * docs/adapters.md}; {@code base_url} and {@code model} are required. The key named by {@code
 * api_key_env} is read from the environment when the system is created; a missing variable is an
 * input error naming the variable.
 */
public final class OpenAiSystemProvider implements SystemProvider {

  @Override
  public String type() {
    return "openai";
  }

  @Override
  public Set<String> parameters() {
    return Set.of("base_url", "model", "endpoint", "temperature", "max_tokens", "seed", "system_prompt", "prompt",
        "api_key_env", "price_in_per_million", "price_out_per_million", "tokens_per_minute", "retry_after_max_s");
  }

  @Override
  public SystemUnderTest create(SystemSpec spec, PluginContext context) {
    HttpParams p = new HttpParams(Params.of(spec, context.suiteFile()), context.env());
    String keyVar = p.optionalString("api_key_env");
    String key = keyVar == null ? null : p.envValue("api_key_env", keyVar);
    return new OpenAiSystem(config(spec, p), key, d -> Thread.sleep(d.toMillis()));
  }

  private static OpenAiSystem.Config config(SystemSpec spec, HttpParams p) {
    Params params = p.params;
    var baseUrl = p.url("base_url", "the API's base URL, e.g. http://127.0.0.1:8000/v1");
    String model = params.requiredString("model", "the model name the server expects");
    Endpoint endpoint = params.choice("endpoint", "chat", List.of("chat", "completions")).equals("chat")
        ? Endpoint.CHAT : Endpoint.COMPLETIONS;
    Double temperature = params.optionalNumber("temperature", AdapterLimits.TEMPERATURE, "a sampling temperature, e.g. 0");
    Long maxTokens = params.optionalLong("max_tokens", AdapterLimits.MAX_TOKENS, "a number of tokens, e.g. 256");
    String systemPrompt = p.optionalString("system_prompt");
    String promptText = p.optionalString("prompt");
    Long tpm = params.optionalLong("tokens_per_minute", AdapterLimits.TOKENS_PER_MINUTE, "tokens per minute");
    return new OpenAiSystem.Config(spec.name(), baseUrl, endpoint, model, temperature,
        maxTokens == null ? null : maxTokens.intValue(), seed(params), systemPrompt,
        p.template("prompt", promptText == null ? "{{input}}" : promptText), p.pricing(), tpm, p.retryAfterMax());
  }

  private static SeedPolicy seed(Params params) {
    var v = params.raw("seed");
    String expected = "auto (the invocation's seed) or an integer";
    if (v == null) {
      return new SeedPolicy.None();
    }
    if (v.isTextual() && v.textValue().equals("auto")) {
      return new SeedPolicy.Auto();
    }
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return new SeedPolicy.Fixed(v.longValue());
    }
    throw params.fault("seed", "got " + dev.assay.core.io.Describe.node(v), expected);
  }
}
