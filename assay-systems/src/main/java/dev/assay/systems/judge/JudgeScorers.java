package dev.assay.systems.judge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.DidYouMean;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.Limits;
import dev.assay.core.MetricName;
import dev.assay.core.NumberRange;
import dev.assay.core.ResponseCache;
import dev.assay.core.Scorer;
import dev.assay.core.ScorerProvider;
import dev.assay.core.SystemSpec;
import dev.assay.core.SystemUnderTest;
import dev.assay.core.io.InputFiles;
import dev.assay.core.text.Excerpt;
import dev.assay.systems.OpenAiSystemProvider;
import dev.assay.systems.http.PromptTemplate;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Metric {@code judge}: LLM-as-judge ({@link JudgeScorer}), configured on the metric name:
 *
 * <pre>judge:base_url=URL:model=MODEL:rubric=FILE[:api_key_env=VAR][:min=0][:max=1]
 *      [:temperature=0][:max_tokens=N][:retries=3][:timeout_s=60]</pre>
 *
 * <p>Parameters follow {@link MetricName}: split at each {@code :} that starts a {@code key=}
 * pair, so a URL's own colons ({@code http://127.0.0.1:8000/v1}) need no escaping. {@code rubric} is a text file of the judge
 * prompt with {@code {{field}}} placeholders ({@code {{output}}} is the system's answer), resolved
 * against the working directory. Temperature defaults to 0.
 */
public final class JudgeScorers implements ScorerProvider {
  private static final Set<String> KEYS = Set.of("base_url", "model", "rubric", "api_key_env", "min", "max",
      "temperature", "max_tokens", "retries", "timeout_s");
  private static final int MAX_RUBRIC_BYTES = 1 << 20;
  /** Seconds a judge call may take: the same bounds as a suite's timeout. */
  private static final NumberRange TIMEOUT_S = NumberRange.decimals("0.001", "86400");
  private static final String USAGE = "judge:base_url=URL:model=MODEL:rubric=FILE[:api_key_env=VAR][:min=0][:max=1]";

  @Override
  public Set<String> names() {
    return Set.of(JudgeScorer.NAME);
  }

  @Override
  public Optional<Scorer> create(String spec) {
    if (!MetricName.baseOf(spec).equals(JudgeScorer.NAME)) {
      return Optional.empty();
    }
    Map<String, String> params = parse(spec);
    Path rubricFile = path(required(params, "rubric"));
    String rubricText;
    try {
      byte[] bytes = InputFiles.readAll(rubricFile, rubricFile.toString(), "a rubric file", MAX_RUBRIC_BYTES);
      rubricText = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (InputException e) {
      // Keep the metric as the field: the rubric is a parameter of the metric name.
      throw fault("rubric " + rubricFile + ": " + e.getMessage(), "a readable text file");
    } catch (CharacterCodingException e) {
      throw fault("rubric " + rubricFile + ": invalid UTF-8", "a UTF-8 text file");
    }
    PromptTemplate rubric;
    try {
      rubric = PromptTemplate.parse(rubricText);
    } catch (IllegalArgumentException e) {
      throw fault("rubric " + rubricFile + ": " + e.getMessage(), "{{field}} placeholders such as {{output}}");
    }
    double min = number(params, "min", 0);
    double max = number(params, "max", 1);
    if (!(min < max)) {
      throw fault("min " + min + " is not below max " + max, "a score range such as min=1:max=5");
    }
    int retries = (int) number(params, "retries", 3, Limits.RETRIES);
    double timeoutS = number(params, "timeout_s", 60, TIMEOUT_S);
    ObjectNode judgeParams = judgeParams(params);
    SystemUnderTest judge = openai(judgeParams);
    return Optional.of(new JudgeScorer(judge, Json.hash(judgeParams), ResponseCache.NONE, rubric, min, max,
        Math.max(0, retries), Duration.ofMillis(Math.round(timeoutS * 1000))));
  }

  private static Map<String, String> parse(String spec) {
    MetricName name;
    try {
      name = MetricName.parse(spec);
    } catch (InputException e) {
      throw fault(e.getMessage(), USAGE);
    }
    if (name.params().isEmpty()) {
      throw fault("judge needs its model and rubric", USAGE);
    }
    for (String key : name.params().keySet()) {
      if (!KEYS.contains(key)) {
        throw fault("unknown judge parameter '" + key + "'", DidYouMean.expected(key, KEYS));
      }
    }
    return name.params();
  }

  /** The judge model's {@code openai} parameters: the API key variable's name, never its value. */
  private static ObjectNode judgeParams(Map<String, String> params) {
    ObjectNode p = Json.object();
    p.put("base_url", required(params, "base_url"));
    p.put("model", required(params, "model"));
    p.put("temperature", number(params, "temperature", 0));
    if (params.containsKey("max_tokens")) {
      p.put("max_tokens", (long) number(params, "max_tokens", 0));
    }
    if (params.containsKey("api_key_env")) {
      p.put("api_key_env", params.get("api_key_env"));
    }
    p.put("seed", "auto");
    return p;
  }

  /** The judge model as an {@code openai} system; its parameter faults are reported on the metric. */
  private static SystemUnderTest openai(ObjectNode p) {
    try {
      return new OpenAiSystemProvider().create(new SystemSpec("judge", "openai", p, 0), null);
    } catch (InputException e) {
      String field = e.field() == null ? "" : e.field().replace("systems.judge.", "");
      throw fault("judge " + field + ": " + e.getMessage(), e.expected());
    }
  }

  private static String required(Map<String, String> params, String key) {
    String v = params.get(key);
    if (v == null || v.isBlank()) {
      throw fault("judge parameter '" + key + "' is missing", USAGE);
    }
    return v;
  }

  private static double number(Map<String, String> params, String key, double fallback) {
    String v = params.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      double d = Double.parseDouble(v);
      if (Double.isFinite(d)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw fault("judge parameter '" + key + "' is not a number: " + Excerpt.of(v), "a number");
  }

  /** A number parameter within {@code range} (docs/security.md). */
  private static double number(Map<String, String> params, String key, double fallback, NumberRange range) {
    double d = number(params, key, fallback);
    if (!range.contains(d)) {
      throw fault("judge parameter '" + key + "' is out of range: " + Excerpt.of(params.get(key)), range.describe());
    }
    return d;
  }

  private static Path path(String p) {
    try {
      return Path.of(p).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw fault("rubric is not a valid path: " + e.getReason(), "a file path");
    }
  }

  private static InputException fault(String problem, String expected) {
    return new InputException((String) null, 0, "metrics", problem, expected);
  }
}
