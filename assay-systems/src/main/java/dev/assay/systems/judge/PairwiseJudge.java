package dev.assay.systems.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.assay.core.Example;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.PluginContext;
import dev.assay.core.SystemSpec;
import dev.assay.core.SystemUnderTest;
import dev.assay.core.io.InputFiles;
import dev.assay.systems.OpenAiSystemProvider;
import dev.assay.systems.http.ExampleFields;
import dev.assay.systems.http.MissingFieldException;
import dev.assay.systems.http.PromptTemplate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pairwise judge (docs/judges.md): shown one example and two answers, {@code {{output_a}}} and
 * {@code {{output_b}}} in its rubric, it says which is better, or a tie. Its answer is a JSON
 * object {@code {"winner": "A" | "B" | "tie", ...}} or ends with a line {@code WINNER: A|B|TIE}.
 *
 * <p>Invariants: the model is asked through the context's caller (response cache, retries, rate
 * limit) under an identity of its settings and the rubric's text; a call that fails for good or an
 * answer without a verdict throws {@link JudgeException}, never a guess.
 */
public final class PairwiseJudge implements AutoCloseable {
  /** Which of the two answers the judge preferred, by position. */
  public enum Preference {
    A,
    B,
    TIE
  }

  private static final Pattern LINE = Pattern.compile("(?im)^\\s*\\**winner\\**\\s*[:=]\\s*\\**\\s*(a|b|tie)\\s*\\**\\s*$");
  private static final int MAX_RUBRIC_BYTES = 1 << 20;

  private final SystemUnderTest model;
  private final String identity;
  private final PromptTemplate rubric;
  private final PluginContext context;
  private final Duration timeout;

  private PairwiseJudge(SystemUnderTest model, String identity, PromptTemplate rubric, PluginContext context,
      Duration timeout) {
    this.model = model;
    this.identity = identity;
    this.rubric = rubric;
    this.context = context;
    this.timeout = timeout;
  }

  /**
   * A pairwise judge of an OpenAI-compatible model.
   *
   * @param rubric the rubric file, read once (its text is part of the judge's identity)
   * @param apiKeyEnv the name of the environment variable holding the key, or null
   * @throws InputException when the rubric cannot be read or has no {@code {{output_a}}} and {@code
   *     {{output_b}}}, or the model's settings are wrong
   */
  public static PairwiseJudge create(String baseUrl, String model, Path rubric, String rubricName, String apiKeyEnv,
      PluginContext context) {
    String text = InputFiles.readText(rubric, rubricName, "a rubric file", MAX_RUBRIC_BYTES);
    PromptTemplate template;
    try {
      template = PromptTemplate.parse(text);
    } catch (IllegalArgumentException e) {
      throw new InputException(rubricName, 0, null, e.getMessage(), "{{field}} placeholders");
    }
    if (!template.fields().contains("output_a") || !template.fields().contains("output_b")) {
      throw new InputException(rubricName, 0, null, "the rubric does not show both answers",
          "{{output_a}} and {{output_b}} placeholders (and {{input}} for the question)");
    }
    ObjectNode p = Json.object().put("base_url", baseUrl).put("model", model).put("temperature", 0).put("seed", "auto");
    if (apiKeyEnv != null) {
      p.put("api_key_env", apiKeyEnv);
    }
    SystemUnderTest system = new OpenAiSystemProvider().create(new SystemSpec("pairwise_judge", "openai", p, 0),
        context);
    ObjectNode identity = p.deepCopy().put("rubric_sha256", Json.sha256(text.getBytes(StandardCharsets.UTF_8)))
        .put("kind", "pairwise");
    return new PairwiseJudge(system, Json.hash(identity), template, context, Duration.ofSeconds(60));
  }

  /** The hash of the model's settings and the rubric's text. */
  public String identity() {
    return identity;
  }

  /** Which of {@code a} (shown first) and {@code b} the judge prefers for {@code example}. */
  public Preference ask(Example example, String a, String b) throws InterruptedException {
    String prompt;
    try {
      prompt = rubric.render(new Pair(example, a, b));
    } catch (MissingFieldException e) {
      throw new JudgeException("pairwise rubric " + e.getMessage());
    }
    String answer = JudgeCall.ask(context.models(), model, identity, JudgeCall.invocation(example, prompt, timeout),
        "pairwise judge");
    return parse(answer).orElseThrow(() -> new JudgeException("pairwise judge answer has no verdict (expected "
        + "{\"winner\": \"A\"|\"B\"|\"tie\"} or a final line WINNER: A|B|TIE)"));
  }

  /** The verdict of an answer: JSON {@code winner}, else the last {@code WINNER:} line. */
  static Optional<Preference> parse(String answer) {
    String s = answer.strip();
    if (s.startsWith("{")) {
      try {
        JsonNode n = Json.MAPPER.readTree(s);
        return of(n.path("winner").asText(""));
      } catch (java.io.IOException e) {
        // not JSON after all: look for the line
      }
    }
    Matcher m = LINE.matcher(s);
    String last = null;
    while (m.find()) {
      last = m.group(1);
    }
    return last == null ? Optional.empty() : of(last);
  }

  private static Optional<Preference> of(String v) {
    return switch (v.strip().toLowerCase(Locale.ROOT)) {
      case "a" -> Optional.of(Preference.A);
      case "b" -> Optional.of(Preference.B);
      case "tie" -> Optional.of(Preference.TIE);
      default -> Optional.empty();
    };
  }

  @Override
  public void close() {
    model.close();
  }

  /** The example's fields plus {@code output_a} and {@code output_b}. */
  private static final class Pair extends ExampleFields {
    private final String a;
    private final String b;

    Pair(Example example, String a, String b) {
      super(example, 0);
      this.a = a;
      this.b = b;
    }

    @Override
    public Optional<JsonNode> get(String name) {
      return switch (name) {
        case "output_a" -> Optional.of(TextNode.valueOf(a));
        case "output_b" -> Optional.of(TextNode.valueOf(b));
        default -> super.get(name);
      };
    }

    @Override
    public String available() {
      return "output_a, output_b, " + super.available();
    }
  }
}
