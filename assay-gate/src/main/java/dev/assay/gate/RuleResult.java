package dev.assay.gate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Json;
import dev.assay.stats.ConfidenceInterval;

/**
 * The judgement of one rule.
 *
 * @param rule the rule
 * @param verdict PASS, FAIL or INCONCLUSIVE
 * @param direction of the rule's metric
 * @param n examples the rule was judged on
 * @param baseline baseline mean (NaN for rules on the candidate alone)
 * @param candidate candidate mean
 * @param estimate what the rule judges: the difference (candidate - baseline) for superiority and
 *     non-inferiority, the candidate mean for at_most / at_least, the number of critical examples
 *     that regress for no_regressions
 * @param boundary the value the interval is judged against, in the estimate's units (NaN for
 *     no_regressions)
 * @param ci the interval at the gate's confidence (null for no_regressions)
 * @param pValue the interval-inversion p-value of the rule's claim (NaN for no_regressions)
 * @param adjustedP {@code pValue} after multiplicity adjustment (NaN for no_regressions)
 * @param nNeeded examples needed for the target power when inconclusive, or -1 when not computed
 * @param reason one sentence saying why
 */
public record RuleResult(Rule rule, Verdict verdict, Direction direction, int n, double baseline, double candidate,
    double estimate, double boundary, ConfidenceInterval ci, double pValue, double adjustedP, int nNeeded,
    String reason) {

  public RuleResult withVerdict(Verdict v, double adjusted, String why) {
    return new RuleResult(rule, v, direction, n, baseline, candidate, estimate, boundary, ci, pValue, adjusted,
        nNeeded, why);
  }

  /** The contract's JSON object: metric, rule, margin, verdict, estimate, ci, p_value, reason, and more. */
  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("metric", rule.metric());
    o.put("rule", rule.kind().wire());
    switch (rule.kind()) {
      case SUPERIORITY, NON_INFERIORITY -> {
        if (rule.margin().relative()) {
          o.put("margin", rule.margin().toString());
        } else {
          o.put("margin", rule.margin().value());
        }
      }
      case AT_MOST, AT_LEAST -> o.put("margin", rule.threshold());
      case NO_REGRESSIONS -> o.putNull("margin");
    }
    o.put("verdict", verdict.name());
    JsonNumbers.put(o, "estimate", estimate);
    if (ci == null) {
      o.putNull("ci");
    } else {
      o.set("ci", JsonNumbers.interval(ci));
    }
    JsonNumbers.put(o, "p_value", pValue);
    JsonNumbers.put(o, "adjusted_p_value", adjustedP);
    o.put("reason", reason);
    o.put("direction", direction.wire());
    o.put("n", n);
    JsonNumbers.put(o, "baseline", baseline);
    JsonNumbers.put(o, "candidate", candidate);
    JsonNumbers.put(o, "boundary", boundary);
    if (nNeeded > 0) {
      o.put("n_needed", nNeeded);
    } else {
      o.putNull("n_needed");
    }
    return o;
  }
}
