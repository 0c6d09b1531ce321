package dev.assay.systems.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.assay.core.Example;
import dev.assay.core.Invocation;
import dev.assay.core.Output;
import dev.assay.core.Metric;
import dev.assay.core.ModelCaller;
import dev.assay.core.Score;
import dev.assay.core.Scorer;
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
 * (an {@code openai} system) through the engine's {@link ModelCaller} (response cache, rate limit,
 * per-attempt timeout, retries with backoff), and the answer parsed by {@link JudgeVerdict}.
 *
 * <p>Invariants: a score is only ever a number the judge gave, inside [{@code min}, {@code max}];
 * every other outcome (a call that failed for good, an unparsable answer, a score out of range, a
 * rubric field the example lacks) throws {@link JudgeException}, which the engine records against
 * this metric of that example. The judge is asked with a seed derived from the example id and repeat
 * 0, so its requests are reproducible and a re-run is answered from the cache.
 *
 * <p>Rationales: the judge's rationale (the JSON {@code rationale}, or the text before the final
 * {@code SCORE:} line) is the note of the example's score, stored beside it.
 */
final class JudgeScorer implements Scorer {
  static final String NAME = "judge";

  private final JudgeMetric metric;
  private final List<Member> members;
  private final boolean mean;
  private final String calibrationIdentity;
  private final ModelCaller models;
  private final PromptTemplate rubric;
  private final Duration timeout;

  /**
   * One model of the judge (a single judge has one).
   *
   * @param model the model's name
   * @param system the model as an {@code openai} system
   * @param identity hash of the model's settings and the rubric's text (never the API key): the
   *     system part of its cache keys
   */
  record Member(String model, SystemUnderTest system, String identity) {}

  /**
   * @param members the judge's models: one, or a panel
   * @param mean whether a panel's scores are averaged (else the majority score counts)
   * @param calibrationIdentity the members' identities, how they combine and the scale: what
   *     calibrations bind to
   */
  JudgeScorer(JudgeMetric metric, List<Member> members, boolean mean, String calibrationIdentity,
      ModelCaller models, PromptTemplate rubric, Duration timeout) {
    this.metric = metric;
    this.members = List.copyOf(members);
    this.mean = mean;
    this.calibrationIdentity = calibrationIdentity;
    this.models = models;
    this.rubric = rubric;
    this.timeout = timeout;
  }

  @Override
  public List<Metric> metrics() {
    return List.of(metric);
  }

  @Override
  public Map<String, String> identities() {
    return Map.of(NAME, calibrationIdentity);
  }

  @Override
  public Map<String, Score> score(Example example, Output output) throws InterruptedException {
    String prompt;
    try {
      prompt = rubric.render(new WithOutput(example, output));
    } catch (MissingFieldException e) {
      throw new JudgeException("judge rubric " + e.getMessage());
    }
    Invocation inv = JudgeCall.invocation(example, prompt, timeout);
    double[] scores = new double[members.size()];
    StringBuilder notes = new StringBuilder();
    for (int i = 0; i < scores.length; i++) {
      Member member = members.get(i);
      String who = members.size() == 1 ? "judge" : "judge " + member.model();
      String answer = JudgeCall.ask(models, member.system(), member.identity(), inv, who);
      JudgeVerdict verdict = JudgeVerdict.parse(answer);
      if (verdict == null) {
        throw new JudgeException(who + " answer has no score (expected JSON {\"score\": x, \"rationale\": ...} or a "
            + "final line SCORE: x): " + snippet(answer));
      }
      if (verdict.score() < metric.min() || verdict.score() > metric.max()) {
        throw new JudgeException(who + " score " + verdict.score() + " outside [" + metric.min() + ", "
            + metric.max() + "]");
      }
      scores[i] = verdict.score();
      String rationale = verdict.rationale() == null ? "" : verdict.rationale().strip();
      if (members.size() == 1) {
        notes.append(rationale);
      } else {
        notes.append(notes.length() == 0 ? "" : "\n").append(member.model()).append(": ")
            .append(number(verdict.score())).append(rationale.isEmpty() ? "" : " (" + rationale + ")");
      }
    }
    if (members.size() == 1) {
      return Map.of(NAME, Score.of(scores[0]).withNote(notes.toString()));
    }
    return Map.of(NAME, Score.of(combine(scores), scores).withNote(notes.toString()));
  }

  /** The panel's score: the mean, or the score most members gave (a tie is no verdict). */
  private double combine(double[] scores) {
    if (mean) {
      double s = 0;
      for (double v : scores) {
        s += v;
      }
      return s / scores.length;
    }
    Map<Double, Integer> counts = new java.util.TreeMap<>();
    for (double v : scores) {
      counts.merge(v, 1, Integer::sum);
    }
    int best = counts.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
    List<Double> modes = counts.entrySet().stream().filter(e -> e.getValue() == best).map(Map.Entry::getKey).toList();
    if (modes.size() > 1) {
      throw new JudgeException("judge panel tied between scores " + modes + " (an odd panel, or combine=mean)");
    }
    return modes.get(0);
  }

  @Override
  public void close() {
    members.forEach(m -> m.system().close());
  }

  private static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
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
