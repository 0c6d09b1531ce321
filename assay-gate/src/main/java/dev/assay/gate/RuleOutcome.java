package dev.assay.gate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Direction;
import dev.assay.core.Json;
import dev.assay.core.Verdict;
import dev.assay.stats.ConfidenceInterval;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** The judgement of one rule: an interval decided it, or (no_regressions) a count of examples did. */
public sealed interface RuleOutcome permits RuleOutcome.IntervalOutcome, RuleOutcome.RegressionOutcome {
  Rule rule();

  Verdict verdict();

  Direction direction();

  /** Examples the rule was judged on (for no_regressions: the critical ones). */
  int n();

  /** One sentence saying why. */
  String reason();

  /** The contract's JSON object: metric, rule, margin, verdict, estimate, ci, p_value, reason, and more. */
  ObjectNode toJson();

  /**
   * A statistical rule's judgement.
   *
   * @param baseline the baseline's value (paired rules only)
   * @param candidate the candidate's value
   * @param estimate what the rule judges: the difference (candidate - baseline) for superiority and
   *     non-inferiority, the candidate's value for at_most / at_least
   * @param boundary the value the interval is judged against, in the estimate's units
   * @param ci the interval at the gate's confidence
   * @param pValue the interval-inversion p-value of the rule's claim
   * @param adjustedP {@code pValue} after multiplicity adjustment
   * @param nNeeded examples needed for the target power when inconclusive, when computable
   * @param value what the estimate is: {@code difference}, {@code mean}, {@code corpus value},
   *     {@code quantile}
   */
  record IntervalOutcome(Rule rule, Verdict verdict, Direction direction, int n, OptionalDouble baseline,
      double candidate, double estimate, double boundary, ConfidenceInterval ci, double pValue, double adjustedP,
      OptionalInt nNeeded, String reason, String value) implements RuleOutcome {
    public IntervalOutcome withVerdict(Verdict v, double adjusted, String why) {
      return new IntervalOutcome(rule, v, direction, n, baseline, candidate, estimate, boundary, ci, pValue, adjusted,
          nNeeded, why, value);
    }

    @Override
    public ObjectNode toJson() {
      ObjectNode o = head(this);
      if (rule instanceof Rule.Paired p) {
        if (p.margin().relative()) {
          o.put("margin", p.margin().toString());
        } else {
          o.put("margin", p.margin().value());
        }
      } else if (rule instanceof Rule.Threshold t) {
        o.put("margin", t.threshold());
      }
      o.put("verdict", verdict.name());
      JsonNumbers.put(o, "estimate", estimate);
      o.set("ci", JsonNumbers.interval(ci));
      JsonNumbers.put(o, "p_value", pValue);
      JsonNumbers.put(o, "adjusted_p_value", adjustedP);
      o.put("reason", reason);
      o.put("direction", direction.wire());
      o.put("n", n);
      JsonNumbers.put(o, "baseline", baseline.orElse(Double.NaN));
      JsonNumbers.put(o, "candidate", candidate);
      JsonNumbers.put(o, "boundary", boundary);
      if (nNeeded.isPresent()) {
        o.put("n_needed", nNeeded.getAsInt());
      } else {
        o.putNull("n_needed");
      }
      return o;
    }
  }

  /**
   * A no_regressions judgement.
   *
   * @param n the paired examples with the rule's tag
   * @param regressed those that pass in the baseline and fail in the candidate, in id order
   */
  record RegressionOutcome(Rule.NoRegressions rule, Verdict verdict, Direction direction, int n,
      List<String> regressed, String reason) implements RuleOutcome {
    public RegressionOutcome {
      regressed = List.copyOf(regressed);
    }

    @Override
    public ObjectNode toJson() {
      ObjectNode o = head(this);
      o.putNull("margin");
      o.put("verdict", verdict.name());
      o.put("estimate", (double) regressed.size());
      o.putNull("ci");
      o.putNull("p_value");
      o.putNull("adjusted_p_value");
      o.put("reason", reason);
      o.put("direction", direction.wire());
      o.put("n", n);
      o.putNull("baseline");
      o.putNull("candidate");
      o.putNull("boundary");
      o.putNull("n_needed");
      o.put("tag", rule.tag());
      return o;
    }
  }

  private static ObjectNode head(RuleOutcome r) {
    ObjectNode o = Json.object();
    o.put("metric", r.rule().metric());
    o.put("rule", r.rule().kind());
    return o;
  }
}
