package dev.assay.systems.judge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.Metric;
import dev.assay.core.MetricFamily;
import dev.assay.core.MetricName;
import dev.assay.core.NumberRange;
import dev.assay.core.Params;
import dev.assay.core.PluginContext;
import dev.assay.core.Scorer;
import dev.assay.core.ScorerProvider;
import dev.assay.core.SystemSpec;
import dev.assay.core.SystemUnderTest;
import dev.assay.core.UnitMeanMetric;
import dev.assay.core.io.InputFiles;
import dev.assay.core.text.Secrets;
import dev.assay.systems.AdapterLimits;
import dev.assay.systems.OpenAiSystemProvider;
import dev.assay.systems.http.PromptTemplate;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Metric {@code judge}: LLM-as-judge ({@link JudgeScorer}), configured on the metric name:
 *
 * <pre>judge:base_url=URL:model=MODEL:rubric=FILE[:api_key_env=VAR][:min=0][:max=1]
 *      [:temperature=0][:max_tokens=N][:timeout_s=60]</pre>
 *
 * <p>A <b>panel</b>: {@code models=M1,M2,M3} instead of {@code model} asks every model the same
 * rubric and combines their scores ({@code combine=majority}, the default: the score most members
 * gave, an error on a tie; or {@code combine=mean}); each member's score is kept as the score's
 * statistics, in the models' order, for inter-judge agreement (docs/judges.md).
 *
 * <p>Parameters follow {@link MetricName}: split at each {@code :} that starts a {@code key=}
 * pair, so a URL's own colons ({@code http://127.0.0.1:8000/v1}) need no escaping. {@code rubric}
 * is a text file of the judge prompt with {@code {{field}}} placeholders ({@code {{output}}} is
 * the system's answer), resolved against the suite's folder; its content is part of the judge's
 * identity, so editing the rubric misses the response cache. The judge's model is called through
 * the engine (rate limit, retries and backoff of the suite); {@code timeout_s} is its own
 * per-attempt timeout. Temperature defaults to 0.
 */
public final class JudgeScorers implements ScorerProvider {
  private static final Set<String> KEYS = Set.of("base_url", "model", "models", "combine", "rubric", "api_key_env",
      "min", "max", "temperature", "max_tokens", "timeout_s");
  /** Rubrics are prompts: far below this. */
  private static final int MAX_RUBRIC_BYTES = 1 << 20;
  private static final NumberRange TIMEOUT_S = NumberRange.decimals("0.001", "86400");
  private static final String USAGE = "judge:base_url=URL:model=MODEL:rubric=FILE[:api_key_env=VAR][:min=0][:max=1]";

  @Override
  public MetricFamily family() {
    return MetricFamily.JUDGE;
  }

  @Override
  public Set<String> names() {
    return Set.of(JudgeScorer.NAME);
  }

  @Override
  public Optional<Metric> metric(String spec) {
    if (!MetricName.baseOf(spec).equals(JudgeScorer.NAME)) {
      return Optional.empty();
    }
    MetricName name = MetricName.parse(spec);
    if (name.params().isEmpty()) {
      throw fault("judge needs its model and rubric", USAGE);
    }
    if (name.params().containsKey("retries")) {
      throw fault("the judge's 'retries' parameter is gone: its calls take the suite's retries and backoff",
          "retries: N at the top of the suite");
    }
    Params p = Params.of(name).allowOnly(KEYS);
    baseUrl(p, USAGE);
    models(p);
    p.requiredString("rubric", USAGE);
    double min = p.number("min", 0, -1e12, 1e12);
    double max = p.number("max", 1, -1e12, 1e12);
    if (!(min < max)) {
      throw fault("min " + min + " is not below max " + max, "a score range such as min=1:max=5");
    }
    judgeParams(p);
    timeout(p);
    return Optional.of(new JudgeMetric(name.text(), name.params(), min, max));
  }

  /**
   * Reads the rubric (relative to the suite's folder) and creates the judge's model as an {@code
   * openai} system.
   *
   * @throws InputException when the rubric cannot be read or parsed, or the model's settings are wrong
   */
  @Override
  public Scorer scorer(Metric metric, PluginContext context) {
    JudgeMetric m = (JudgeMetric) metric;
    Params p = Params.of(MetricName.parse(m.spec()));
    Path rubricFile = path(context, p.string("rubric", null));
    String rubricText;
    try {
      rubricText = InputFiles.readText(rubricFile, rubricFile.toString(), "a rubric file", MAX_RUBRIC_BYTES);
    } catch (InputException e) {
      // Keep the metric as the field: the rubric is a parameter of the metric name.
      throw fault("rubric " + rubricFile + ": " + e.getMessage(),
          "a readable UTF-8 text file, relative to the suite's folder");
    }
    PromptTemplate rubric;
    try {
      rubric = PromptTemplate.parse(rubricText);
    } catch (IllegalArgumentException e) {
      throw fault("rubric " + rubricFile + ": " + e.getMessage(), "{{field}} placeholders such as {{output}}");
    }
    String rubricHash = Json.hex(Json.digest().digest(rubricText.getBytes(StandardCharsets.UTF_8)));
    List<JudgeScorer.Member> members = new ArrayList<>();
    // What a calibration is bound to: every member's cache identity, how they combine, the range.
    ObjectNode calibrated = Json.object();
    var identities = calibrated.putArray("members");
    for (String model : models(p)) {
      ObjectNode judgeParams = judgeParams(p);
      judgeParams.put("model", model);
      ObjectNode identity = judgeParams.deepCopy();
      identity.put("rubric_sha256", rubricHash);
      identities.add(identity);
      members.add(new JudgeScorer.Member(model, openai(judgeParams, context), Json.hash(identity)));
    }
    if (members.size() == 1) {
      calibrated = (ObjectNode) identities.get(0);
    } else {
      calibrated.put("combine", combine(p));
    }
    calibrated.put("min", m.min());
    calibrated.put("max", m.max());
    return new JudgeScorer(m, members, combine(p).equals("mean"), Json.hash(calibrated), context.models(), rubric,
        timeout(p));
  }

  /**
   * The judge's {@code base_url}, required and free of credentials: the metric name is the score's
   * key, stored with every result and printed in every table and report, and stripping a secret
   * there would change which metric it is.
   */
  static String baseUrl(Params p, String usage) {
    p.requiredString("base_url", usage);
    String url = p.string("base_url", null);
    if (!Secrets.stripUrlCredentials(url).equals(url)) {
      throw fault("the judge's base_url carries credentials (user info or a secret query parameter such as"
          + " api_key), which the metric name would store and print with every score",
          "a base_url without credentials and the key in an environment variable: api_key_env=VAR");
    }
    return url;
  }

  /** The judge's model, or a panel's models ({@code models=A,B,C}): one or the other, each once. */
  private static List<String> models(Params p) {
    if (p.has("model") == p.has("models")) {
      throw fault(p.has("model") ? "judge has both 'model' and 'models'" : "judge needs its model",
          "model=MODEL for one judge, or models=M1,M2,M3 for a panel");
    }
    if (p.has("model")) {
      if (p.has("combine")) {
        throw fault("'combine' needs a panel", "models=M1,M2,M3 with combine=majority or mean");
      }
      return List.of(p.requiredString("model", USAGE));
    }
    List<String> models = List.of(p.requiredString("models", USAGE).split(",", -1));
    if (models.size() < 2 || models.stream().anyMatch(String::isBlank) || Set.copyOf(models).size() != models.size()) {
      throw fault("models must name at least two different models, comma-separated", "models=M1,M2,M3");
    }
    combine(p);
    return models;
  }

  private static String combine(Params p) {
    String c = p.string("combine", "majority");
    if (!c.equals("majority") && !c.equals("mean")) {
      throw fault("unknown combine '" + c + "'", "combine=majority (the score most members gave) or combine=mean");
    }
    return c;
  }

  /** Seconds one judge call may take: the same bounds as a suite's timeout. */
  static Duration timeout(Params p) {
    double seconds = p.number("timeout_s", 60, TIMEOUT_S, "seconds one judge call may take");
    return Duration.ofMillis(Math.round(seconds * 1000));
  }

  /** The judge model's {@code openai} parameters: the API key variable's name, never its value. */
  static ObjectNode judgeParams(Params params) {
    ObjectNode p = Json.object();
    p.put("base_url", params.string("base_url", null));
    p.put("model", params.string("model", params.string("models", null)));
    p.put("temperature", params.number("temperature", 0, AdapterLimits.TEMPERATURE, "a sampling temperature, e.g. 0"));
    Long maxTokens = params.optionalLong("max_tokens", AdapterLimits.MAX_TOKENS, "a number of tokens, e.g. 256");
    if (maxTokens != null) {
      p.put("max_tokens", maxTokens);
    }
    if (params.has("api_key_env")) {
      p.put("api_key_env", params.string("api_key_env", null));
    }
    p.put("seed", "auto");
    return p;
  }

  /** The judge model as an {@code openai} system; its parameter faults are reported on the metric. */
  static SystemUnderTest openai(ObjectNode p, PluginContext context) {
    try {
      return new OpenAiSystemProvider().create(new SystemSpec("judge", "openai", p, 0), context.forSuite(null));
    } catch (InputException e) {
      String field = e.field() == null ? "" : e.field().replace("systems.judge.", "");
      throw fault("judge " + field + ": " + e.getMessage(), e.expected());
    }
  }

  private static Path path(PluginContext context, String p) {
    try {
      return context.resolve(p);
    } catch (InvalidPathException e) {
      throw fault("rubric is not a valid path: " + e.getReason(), "a file path");
    }
  }

  static InputException fault(String problem, String expected) {
    return new InputException((String) null, 0, "metrics", problem, expected);
  }

  /**
   * The metric of a judged metric with a built-in prompt ({@code NAME:base_url=URL:model=MODEL...})
   * when {@code spec} names it, else empty. Everything is checked before any model is called, in
   * this order: only {@code keys}, the URL, the model, the metric's own parameters ({@code own}),
   * the answer field, the judge's parameters, the timeout.
   */
  static Optional<Metric> judgedMetric(String spec, String name, Set<String> keys, String usage,
      java.util.function.Consumer<Params> own) {
    if (!MetricName.baseOf(spec).equals(name)) {
      return Optional.empty();
    }
    MetricName parsed = MetricName.parse(spec);
    if (parsed.params().isEmpty()) {
      throw fault(name + " needs its judge model", usage);
    }
    Params p = Params.of(parsed).allowOnly(keys);
    baseUrl(p, usage);
    p.requiredString("model", usage);
    own.accept(p);
    JudgedAnswer.field(p, name);
    judgeParams(p);
    timeout(p);
    return Optional.of(new UnitMeanMetric(name, parsed.text()));
  }

  /** The parameters of a metric {@link #judgedMetric} made. */
  static Params params(Metric metric) {
    return Params.of(MetricName.parse(((UnitMeanMetric) metric).spec()));
  }

  /** A judge's identity with a built-in prompt: its parameters and the prompt's sha256 (add what else it depends on). */
  static ObjectNode promptIdentity(ObjectNode judgeParams, String prompt) {
    ObjectNode identity = judgeParams.deepCopy();
    identity.put("prompt_sha256", Json.hex(Json.digest().digest(prompt.getBytes(StandardCharsets.UTF_8))));
    return identity;
  }

  /** A judge prompt shipped in this package's resources. */
  static String builtInPrompt(String file) {
    try (java.io.InputStream in = JudgeScorers.class.getResourceAsStream(file)) {
      if (in == null) {
        throw new IllegalStateException(file + " missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
