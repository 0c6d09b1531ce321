package dev.assay.systems.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.assay.core.CacheKey;
import dev.assay.core.Example;
import dev.assay.core.Invocation;
import dev.assay.core.Output;
import dev.assay.core.ResponseCache;
import dev.assay.core.Scorer;
import dev.assay.core.Scores;
import dev.assay.core.Seeds;
import dev.assay.core.SystemException;
import dev.assay.core.SystemUnderTest;
import dev.assay.systems.http.ExampleFields;
import dev.assay.systems.http.MissingFieldException;
import dev.assay.systems.http.PromptTemplate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * LLM-as-judge: metric {@code judge}. For each example the rubric template is filled (the
 * example's fields plus {@code {{output}}}, the system's answer as text), sent to the judge model
 * through the {@code openai} adapter, and the answer parsed by {@link JudgeVerdict}.
 *
 * <p>Invariants: a score is only ever a number the judge gave, inside [{@code min}, {@code max}];
 * every other outcome (a transport fault that outlasts the retries, an unparsable answer, a score
 * out of range, a rubric field the example lacks) throws {@link JudgeException}, which the engine
 * records as the example's error. The judge is asked with a seed derived from the example id and
 * repeat 0, so its requests are reproducible; under the run's response cache ({@link
 * #withResponseCache}) a re-run asks the judge nothing it was asked before. Transient faults are retried {@code retries} times,
 * waiting 1 s, 2 s, 4 s... in between.
 *
 * <p>Rationales: the judge's rationale (the JSON {@code rationale}, or the text before the final
 * {@code SCORE:} line) is returned as the note of metric {@code judge} by {@link #scoreWithNotes},
 * so the engine stores it in the per-example record beside the score.
 */
final class JudgeScorer implements Scorer {
  static final String NAME = "judge";

  private final SystemUnderTest judge;
  private final String judgeSpecHash;
  private final ResponseCache cache;
  private final PromptTemplate rubric;
  private final double min;
  private final double max;
  private final int retries;
  private final Duration timeout;

  /**
   * @param judgeSpecHash hash of the judge model's settings (base URL, model, temperature...; never
   *     the API key), the system part of the judge's cache keys
   */
  JudgeScorer(SystemUnderTest judge, String judgeSpecHash, ResponseCache cache, PromptTemplate rubric, double min,
      double max, int retries, Duration timeout) {
    this.judge = judge;
    this.judgeSpecHash = judgeSpecHash;
    this.cache = cache;
    this.rubric = rubric;
    this.min = min;
    this.max = max;
    this.retries = retries;
    this.timeout = timeout;
  }

  @Override
  public Scorer withResponseCache(ResponseCache responses) {
    return new JudgeScorer(judge, judgeSpecHash, responses, rubric, min, max, retries, timeout);
  }

  @Override
  public List<String> names() {
    return List.of(NAME);
  }

  @Override
  public Map<String, Double> score(Example example, Output output) {
    return scoreWithNotes(example, output).values();
  }

  @Override
  public Scores scoreWithNotes(Example example, Output output) {
    String prompt;
    try {
      prompt = rubric.render(new WithOutput(example, output));
    } catch (MissingFieldException e) {
      throw new JudgeException("judge rubric " + e.getMessage());
    }
    Example question = new Example(example.id(), TextNode.valueOf(prompt), null, Map.of(), null, 0);
    Invocation inv = new Invocation(question, 0, Seeds.invocation(0, example.id(), 0), timeout);
    String answer = ask(inv);
    JudgeVerdict verdict = JudgeVerdict.parse(answer);
    if (verdict == null) {
      throw new JudgeException("judge answer has no score (expected JSON {\"score\": x, \"rationale\": ...} or a "
          + "final line SCORE: x): " + snippet(answer));
    }
    if (verdict.score() < min || verdict.score() > max) {
      throw new JudgeException("judge score " + verdict.score() + " outside [" + min + ", " + max + "]");
    }
    String rationale = verdict.rationale() == null ? "" : verdict.rationale().strip();
    return new Scores(Map.of(NAME, verdict.score()), rationale.isEmpty() ? Map.of() : Map.of(NAME, rationale));
  }

  /** The judge's answer: from the cache, or asked afresh and then cached. */
  private String ask(Invocation inv) {
    String key = CacheKey.of(judgeSpecHash, inv);
    Optional<Output> hit = cache.get(key);
    if (hit.isPresent()) {
      return hit.get().text();
    }
    Output answer = call(inv);
    cache.put(key, answer);
    return answer.text();
  }

  private Output call(Invocation inv) {
    SystemException last = null;
    for (int attempt = 0; attempt <= retries; attempt++) {
      try {
        if (attempt > 0) {
          Thread.sleep(1000L << Math.min(attempt - 1, 5));
        }
        return judge.call(inv);
      } catch (SystemException e) {
        last = e;
        if (!e.isTransient()) {
          break;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new JudgeException("judge call interrupted");
      }
    }
    throw new JudgeException("judge failed: " + last.getMessage());
  }

  private static String snippet(String s) {
    String one = s.replaceAll("\\s+", " ").strip();
    return one.length() <= 200 ? one : one.substring(0, 200) + "...";
  }

  /** The example's fields plus {@code output}. */
  private static final class WithOutput extends ExampleFields {
    private final Output output;

    WithOutput(Example example, Output output) {
      super(example, 0);
      this.output = output;
    }

    @Override
    public Optional<JsonNode> get(String name) {
      return name.equals("output") ? Optional.of(TextNode.valueOf(output.text())) : super.get(name);
    }

    @Override
    public String available() {
      return "output, " + super.available();
    }
  }
}
