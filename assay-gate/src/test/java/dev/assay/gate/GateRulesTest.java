package dev.assay.gate;

import dev.assay.core.Direction;
import dev.assay.core.Verdict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.assay.core.InputException;
import dev.assay.stats.hypothesis.PairedTTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Each rule judged PASS, FAIL and INCONCLUSIVE on data whose answer is known by construction. */
class GateRulesTest {
  private static final CompareOptions OPTIONS = CompareOptions.defaults().withReplicates(2000);

  private static RuleOutcome.IntervalOutcome judge(Rule rule, Pairing pairing) {
    GateResult r = Tables.evaluator(OPTIONS).evaluate(Gate.of(0.95, Multiplicity.HOLM, List.of(rule)), pairing,
        null, null);
    return (RuleOutcome.IntervalOutcome) r.rules().get(0);
  }

  /** Baseline: the first 50 of 100 succeed; candidate: {@code from..to-1} succeed. */
  private static Pairing binary(int from, int to) {
    double[] c = new double[100];
    for (int i = from; i < to; i++) {
      c[i] = 1;
    }
    return Tables.pair("exact_match", Tables.outcomes(100, 50), c);
  }

  @Test
  void superiority() {
    RuleOutcome.IntervalOutcome pass = judge(Rule.superiority("exact_match", Margin.ZERO), binary(0, 70));
    assertThat(pass.verdict()).as(pass.reason()).isEqualTo(Verdict.PASS);
    assertThat(pass.estimate()).isCloseTo(0.2, within(1e-12));
    assertThat(pass.ci().lower()).isGreaterThan(0);

    RuleOutcome.IntervalOutcome fail = judge(Rule.superiority("exact_match", Margin.ZERO), binary(0, 30));
    assertThat(fail.verdict()).as(fail.reason()).isEqualTo(Verdict.FAIL);
    assertThat(fail.reason()).contains("does not beat the baseline");

    // 10 examples only the baseline solves, 12 only the candidate: +0.02, far from decided.
    RuleOutcome.IntervalOutcome unsure = judge(Rule.superiority("exact_match", Margin.ZERO), binary(10, 62));
    assertThat(unsure.verdict()).as(unsure.reason()).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(unsure.nNeeded().getAsInt()).isGreaterThan(1000);
    assertThat(unsure.reason()).contains("too wide to decide", "about " + unsure.nNeeded().getAsInt() + " examples (now 100)");

    // A margin the improvement cannot clear turns the PASS into FAIL.
    RuleOutcome.IntervalOutcome margin = judge(Rule.superiority("exact_match", new Margin(0.5, false)), binary(0, 70));
    assertThat(margin.verdict()).as(margin.reason()).isEqualTo(Verdict.FAIL);
  }

  /** Per-example latencies around 100 ms; the candidate adds {@code shift} ms. */
  private static Pairing latency(String metric, double shift) {
    Random rnd = new Random(42);
    double[] b = new double[100];
    double[] c = new double[100];
    for (int i = 0; i < b.length; i++) {
      b[i] = 100 + 10 * rnd.nextGaussian();
      c[i] = b[i] + shift + 2 * rnd.nextGaussian();
    }
    return Tables.pair(metric, b, c);
  }

  @Test
  void nonInferiorityHonoursDirection() {
    RuleOutcome.IntervalOutcome slightlySlower = judge(Rule.nonInferiority("latency_ms", new Margin(5, false)), latency("latency_ms", 1));
    assertThat(slightlySlower.verdict()).as(slightlySlower.reason()).isEqualTo(Verdict.PASS);
    assertThat(slightlySlower.direction()).isEqualTo(Direction.LOWER_IS_BETTER);
    assertThat(slightlySlower.boundary()).isEqualTo(5.0);

    RuleOutcome.IntervalOutcome muchSlower = judge(Rule.nonInferiority("latency_ms", new Margin(5, false)), latency("latency_ms", 20));
    assertThat(muchSlower.verdict()).as(muchSlower.reason()).isEqualTo(Verdict.FAIL);
    assertThat(muchSlower.reason()).contains("worse than the baseline by more than the margin 5");

    // 10% of a ~100 ms baseline tolerates the 1 ms loss, not the 20 ms one.
    assertThat(judge(Rule.nonInferiority("latency_ms", new Margin(10, true)), latency("latency_ms", 1)).verdict())
        .isEqualTo(Verdict.PASS);
    RuleOutcome.IntervalOutcome relative = judge(Rule.nonInferiority("latency_ms", new Margin(10, true)), latency("latency_ms", 20));
    assertThat(relative.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(relative.reason()).contains("10% of baseline");

    // The same numbers under a higher-is-better name: +20 is an improvement.
    assertThat(judge(Rule.nonInferiority("score", new Margin(5, false)), latency("score", 20)).verdict())
        .isEqualTo(Verdict.PASS);
    assertThat(judge(Rule.nonInferiority("score", new Margin(5, false)), latency("score", -20)).verdict())
        .isEqualTo(Verdict.FAIL);
    // 5 ms worse against a 5 ms margin: the interval straddles the boundary.
    RuleOutcome.IntervalOutcome edge = judge(Rule.nonInferiority("latency_ms", new Margin(5, false)), latency("latency_ms", 5));
    assertThat(edge.verdict()).as(edge.reason()).isEqualTo(Verdict.INCONCLUSIVE);
  }

  @Test
  void thresholdsAreJudgedOnTheIntervalBound() {
    Pairing none = Tables.pair("violation", new double[300], new double[300]);
    RuleOutcome.IntervalOutcome pass = judge(Rule.atMost("violation", 0.02), none);
    assertThat(pass.verdict()).as(pass.reason()).isEqualTo(Verdict.PASS);
    assertThat(pass.ci().upper()).isBetween(0.012, 0.013); // Wilson upper bound of 0/300
    assertThat(judge(Rule.atMost("violation", 0.01), none).verdict()).isEqualTo(Verdict.INCONCLUSIVE);

    Pairing ten = Tables.pair("violation", new double[300], Tables.outcomes(300, 10));
    RuleOutcome.IntervalOutcome fail = judge(Rule.atMost("violation", 0.01), ten);
    assertThat(fail.verdict()).as(fail.reason()).isEqualTo(Verdict.FAIL);
    assertThat(fail.ci().lower()).isGreaterThan(0.01);

    Pairing accurate = Tables.pair("accuracy", Tables.outcomes(100, 50), Tables.outcomes(100, 95));
    assertThat(judge(Rule.atLeast("accuracy", 0.8), accurate).verdict()).isEqualTo(Verdict.PASS);
    assertThat(judge(Rule.atLeast("accuracy", 0.99), accurate).verdict()).isEqualTo(Verdict.FAIL);
    assertThat(judge(Rule.atLeast("accuracy", 0.95), accurate).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
  }

  /** Differences mean + (+1, -1, +1, ...): t = mean / (sd / sqrt(n)) by construction. */
  private static double[][] shifted(int n, double t) {
    double[] b = new double[n];
    double[] c = new double[n];
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = i % 2 == 0 ? 1 : -1;
    }
    double sd = PairedMetric.sd(d);
    for (int i = 0; i < n; i++) {
      c[i] = d[i] + t * sd / Math.sqrt(n);
    }
    return new double[][] {b, c};
  }

  @Test
  void multiplicityControlAcrossRules() {
    double[][] data = shifted(50, 2.2);
    Map<String, Map<String, Double>> base = new LinkedHashMap<>();
    Map<String, Map<String, Double>> cand = new LinkedHashMap<>();
    for (int i = 0; i < 50; i++) {
      base.put("e" + i, Map.of("m1", data[0][i], "m2", data[0][i]));
      cand.put("e" + i, Map.of("m1", data[1][i], "m2", data[1][i]));
    }
    Pairing pairing = Pairing.of(Tables.table("b", base), Tables.table("c", cand), false);
    List<Rule> rules = List.of(Rule.superiority("m1", Margin.ZERO), Rule.superiority("m2", Margin.ZERO));
    Tables.Evaluator t = Tables.evaluator(OPTIONS.withInterval(IntervalChoice.T));
    double expectedP = PairedTTest.of(data[0], data[1]).test().pValue();

    GateResult none = t.evaluate(Gate.of(0.95, Multiplicity.NONE, rules), pairing, null, null);
    assertThat(none.verdict()).isEqualTo(Verdict.PASS);
    assertThat(((RuleOutcome.IntervalOutcome) none.rules().get(0)).pValue()).as("interval inversion of the t interval is the t-test")
        .isCloseTo(expectedP, within(expectedP * 1e-4));

    GateResult holm = t.evaluate(Gate.of(0.95, Multiplicity.HOLM, rules), pairing, null, null);
    assertThat(holm.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(((RuleOutcome.IntervalOutcome) holm.rules().get(0)).adjustedP()).isCloseTo(2 * expectedP, within(expectedP * 2e-4));
    assertThat(holm.rules().get(0).reason()).contains("not after holm adjustment");
    assertThat(t.evaluate(Gate.of(0.95, Multiplicity.BONFERRONI, rules), pairing, null, null).verdict())
        .isEqualTo(Verdict.INCONCLUSIVE);
    // Equal p-values: BH leaves them unchanged.
    assertThat(t.evaluate(Gate.of(0.95, Multiplicity.BH, rules), pairing, null, null).verdict())
        .isEqualTo(Verdict.PASS);
  }

  @Test
  void noRegressionsOnCriticalExamples() {
    Function<String, Map<String, String>> tags = id -> id.equals("e0") || id.equals("e1")
        ? Map.of("critical", "true") : id.equals("e2") ? Map.of("priority", "critical") : Map.of();
    Rule rule = Rule.noRegressions("exact_match", "critical");
    Gate gate = Gate.of(0.95, Multiplicity.HOLM, List.of(rule));
    Tables.Evaluator e = Tables.evaluator(OPTIONS);

    Pairing regress = Tables.pair("exact_match", new double[] {1, 1, 1, 0, 1}, new double[] {1, 0, 1, 1, 0});
    RuleOutcome fail = e.evaluate(gate, regress, tags, null).rules().get(0);
    assertThat(fail.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(fail.reason()).contains("1 of 3 example(s) tagged 'critical'", "e1").doesNotContain("e4");

    Pairing fine = Tables.pair("exact_match", new double[] {1, 0, 1, 0, 1}, new double[] {1, 0, 1, 1, 0});
    assertThat(e.evaluate(gate, fine, tags, null).verdict()).isEqualTo(Verdict.PASS);
    assertThat(e.evaluate(gate, fine, id -> Map.of(), null).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    assertThatThrownBy(() -> e.evaluate(gate, fine, null, null)).isInstanceOf(InputException.class)
        .hasMessageContaining("needs the examples' tags");
    Pairing graded = Tables.pair("f1", new double[] {0.9, 0.9}, new double[] {0.9, 0.2});
    Gate f1 = Gate.of(0.95, Multiplicity.HOLM, List.of(Rule.noRegressions("f1", "critical")));
    assertThatThrownBy(() -> e.evaluate(f1, graded, tags, null)).isInstanceOf(InputException.class)
        .hasMessageContaining("is not 0/1");
    Gate f1Threshold = Gate.of(0.95, Multiplicity.HOLM, List.of(Rule.noRegressions("f1", "critical", 0.5)));
    assertThat(e.evaluate(f1Threshold, graded, tags, null).verdict()).isEqualTo(Verdict.FAIL);
  }

  @Test
  void gateVerdictAndPolicy() {
    assertThat(Verdict.combine(List.of(Verdict.PASS, Verdict.INCONCLUSIVE, Verdict.FAIL))).isEqualTo(Verdict.FAIL);
    assertThat(Verdict.combine(List.of(Verdict.PASS, Verdict.INCONCLUSIVE))).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(Verdict.combine(List.of(Verdict.PASS, Verdict.PASS))).isEqualTo(Verdict.PASS);
    assertThat(InconclusivePolicy.INCONCLUSIVE.exitCode(Verdict.INCONCLUSIVE)).isEqualTo(3);
    assertThat(InconclusivePolicy.FAIL.exitCode(Verdict.INCONCLUSIVE)).isEqualTo(1);
    assertThat(InconclusivePolicy.PASS.exitCode(Verdict.INCONCLUSIVE)).isZero();
    assertThat(InconclusivePolicy.PASS.exitCode(Verdict.FAIL)).isEqualTo(1);
  }
}
