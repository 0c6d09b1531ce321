package dev.assay.gate;

import dev.assay.core.InputException;
import dev.assay.stats.ConfidenceInterval;
import dev.assay.stats.Sides;
import dev.assay.stats.power.PairedMeanPower;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Applies a gate to a pairing (docs/gates.md).
 *
 * <p>Each statistical rule is a claim about an interval at the gate's confidence level: PASS when
 * the whole interval lies on the claim's side of the boundary and, after multiplicity control,
 * the rule's interval-inversion p-value is at most α = 1 - confidence; FAIL when the whole interval
 * lies on the other side (judged at the nominal level: multiplicity control protects against a
 * false PASS, and a single failing rule already blocks); INCONCLUSIVE otherwise, with the number
 * of examples that would give the target power if the observed estimate were the truth.
 */
public final class GateEvaluator {
  private final CompareOptions options;

  /** @param options interval method, test, seed, replicates and directions (confidence and power come from the gate) */
  public GateEvaluator(CompareOptions options) {
    this.options = options;
  }

  /**
   * @param tags the tags of an example by id, or null when unknown (then a no_regressions rule
   *     is an input error)
   * @param datasetHash the dataset's hash when known, for the plan record
   */
  public GateResult evaluate(Gate gate, Pairing pairing, Function<String, Map<String, String>> tags,
      String datasetHash) {
    CompareOptions o = options.withConfidence(gate.confidence()).withPower(gate.power());
    MetricComparer comparer = new MetricComparer(o);
    Map<String, Comparison> comparisons = new HashMap<>();
    List<RuleResult> preliminary = new ArrayList<>();
    List<Claim> claims = new ArrayList<>();
    for (int i = 0; i < gate.rules().size(); i++) {
      Rule rule = gate.rules().get(i);
      PairedMetric pm = metric(gate, i, pairing);
      Direction direction = o.directions().of(rule.metric());
      switch (rule.kind()) {
        case SUPERIORITY, NON_INFERIORITY -> {
          Comparison c = comparisons.computeIfAbsent(rule.metric(), m -> comparer.compare(pairing, m, direction));
          Claim claim = Claim.paired(rule, direction, c.baseline());
          claims.add(claim);
          preliminary.add(judge(rule, claim, direction, c.n(), c.baseline(), c.candidate(), c.difference(),
              c.sdDifference(), c.intervals(), o));
        }
        case AT_MOST, AT_LEAST -> {
          Optional<PairedCorpus> corpus = comparer.corpus(pairing, rule.metric());
          Claim claim = Claim.threshold(rule, corpus.isPresent());
          claims.add(claim);
          if (corpus.isPresent()) {
            // The candidate's corpus value (what 'assay run' reports), not its mean sentence score.
            PairedCorpus pc = corpus.get();
            IntervalSource intervals = IntervalSources.corpusCandidate(pc, o);
            double value = pc.candidateValue();
            preliminary.add(judge(rule, claim, direction, pc.n(), Double.NaN, value, value,
                intervals.standardError() * Math.sqrt(pc.n()), intervals, o));
          } else {
            double[] values = pm.candidate();
            IntervalSource intervals = IntervalSources.mean(pm.ids(), values, pm.clusterKeys(), o);
            double sd = pm.clustered() && Double.isFinite(intervals.standardError())
                ? intervals.standardError() * Math.sqrt(pm.n()) : PairedMetric.sd(values);
            preliminary.add(judge(rule, claim, direction, pm.n(), Double.NaN, PairedMetric.mean(values),
                PairedMetric.mean(values), sd, intervals, o));
          }
        }
        case NO_REGRESSIONS -> {
          claims.add(null);
          preliminary.add(noRegressions(gate, i, pm, direction, tags));
        }
      }
    }
    List<RuleResult> results = adjust(gate, preliminary, claims);
    return new GateResult(gate, Verdict.combine(results.stream().map(RuleResult::verdict).toList()), results,
        pairing.baseline().source(), pairing.candidate().source(), pairing.n(), datasetHash, null,
        pairing.resampling(), pairing.units());
  }

  private static PairedMetric metric(Gate gate, int index, Pairing pairing) {
    try {
      return pairing.metric(gate.rules().get(index).metric());
    } catch (InputException e) {
      throw new InputException(gate.source(), gate.rules().get(index).line(), "rules[" + index + "].metric",
          e.getMessage(), e.expected());
    }
  }

  /**
   * A claim on an interval: it lies above (or below) a boundary, strictly or not. {@code value}
   * names what an at_most / at_least rule bounds: the candidate's {@code mean} or {@code corpus
   * value}.
   */
  record Claim(double boundary, boolean passAbove, boolean strict, String value) {
    static Claim paired(Rule rule, Direction direction, double baselineMean) {
      double m = rule.margin().absolute(baselineMean);
      // In units of candidate - baseline: superiority needs an improvement beyond +m,
      // non-inferiority tolerates a loss up to m.
      double improvementBoundary = rule.kind() == RuleKind.SUPERIORITY ? m : -m;
      double boundary = direction.higherIsBetter() ? improvementBoundary : -improvementBoundary;
      return new Claim(boundary == 0 ? 0 : boundary, direction.higherIsBetter(), true, "difference");
    }

    static Claim threshold(Rule rule, boolean corpus) {
      return new Claim(rule.threshold(), rule.kind() == RuleKind.AT_LEAST, false, corpus ? "corpus value" : "mean");
    }

    boolean passes(ConfidenceInterval ci) {
      if (passAbove) {
        return strict ? ci.lower() > boundary : ci.lower() >= boundary;
      }
      return strict ? ci.upper() < boundary : ci.upper() <= boundary;
    }

    boolean fails(ConfidenceInterval ci) {
      if (passAbove) {
        return strict ? ci.upper() <= boundary : ci.upper() < boundary;
      }
      return strict ? ci.lower() >= boundary : ci.lower() > boundary;
    }
  }

  private static RuleResult judge(Rule rule, Claim claim, Direction direction, int n, double baseline,
      double candidate, double estimate, double sd, IntervalSource intervals, CompareOptions o) {
    ConfidenceInterval ci = intervals.at(o.confidence());
    double p = intervals.invert(claim::passes);
    Verdict v = claim.passes(ci) ? Verdict.PASS : claim.fails(ci) ? Verdict.FAIL : Verdict.INCONCLUSIVE;
    int needed = -1;
    if (v == Verdict.INCONCLUSIVE) {
      double effect = Math.abs(estimate - claim.boundary());
      if (sd > 0 && effect > 0) {
        try {
          needed = PairedMeanPower.sampleSize(effect, sd, 1 - o.confidence(), o.power(), Sides.TWO_SIDED);
        } catch (IllegalArgumentException e) {
          needed = -1;
        }
      }
    }
    return new RuleResult(rule, v, direction, n, baseline, candidate, estimate, claim.boundary(), ci, p, p, needed,
        "");
  }

  private RuleResult noRegressions(Gate gate, int index, PairedMetric pm, Direction direction,
      Function<String, Map<String, String>> tags) {
    Rule rule = gate.rules().get(index);
    String field = "rules[" + index + "]";
    if (tags == null) {
      throw new InputException(gate.source(), rule.line(), field, "no_regressions needs the examples' tags, "
          + "which run records and score files do not hold",
          "run 'assay gate SUITE.yaml', or give 'assay compare' the dataset with --dataset FILE");
    }
    boolean binary = pm.binary();
    if (!binary && Double.isNaN(rule.passThreshold())) {
      throw new InputException(gate.source(), rule.line(), field + ".pass_threshold",
          "metric '" + rule.metric() + "' is not 0/1, so a pass needs a threshold",
          "pass_threshold: the value at which an example passes");
    }
    int critical = 0;
    List<String> regressed = new ArrayList<>();
    for (int i = 0; i < pm.n(); i++) {
      String id = pm.ids().get(i);
      Map<String, String> t = tags.apply(id);
      if (t == null || !CriticalTags.matches(rule.tag(), t)) {
        continue;
      }
      critical++;
      if (passes(rule, direction, binary, pm.baseline()[i]) && !passes(rule, direction, binary, pm.candidate()[i])) {
        regressed.add(id);
      }
    }
    Verdict v;
    String reason;
    if (critical == 0) {
      v = Verdict.INCONCLUSIVE;
      reason = "no paired example is tagged '" + rule.tag() + "', so the rule cannot be judged";
    } else if (regressed.isEmpty()) {
      v = Verdict.PASS;
      reason = critical + " example(s) tagged '" + rule.tag() + "': none passes in the baseline and fails in the "
          + "candidate";
    } else {
      v = Verdict.FAIL;
      List<String> shown = regressed.subList(0, Math.min(5, regressed.size()));
      reason = regressed.size() + " of " + critical + " example(s) tagged '" + rule.tag()
          + "' pass in the baseline and fail in the candidate: " + String.join(", ", shown)
          + (regressed.size() > shown.size() ? ", ..." : "");
    }
    return new RuleResult(rule, v, direction, critical, Double.NaN, Double.NaN, regressed.size(), Double.NaN, null,
        Double.NaN, Double.NaN, -1, reason);
  }

  private static boolean passes(Rule rule, Direction direction, boolean binary, double value) {
    if (!Double.isNaN(rule.passThreshold())) {
      return direction.higherIsBetter() ? value >= rule.passThreshold() : value <= rule.passThreshold();
    }
    return binary && (direction.higherIsBetter() ? value == 1 : value == 0);
  }

  private static List<RuleResult> adjust(Gate gate, List<RuleResult> preliminary, List<Claim> claims) {
    List<Integer> statistical = new ArrayList<>();
    for (int i = 0; i < preliminary.size(); i++) {
      if (preliminary.get(i).rule().kind().statistical()) {
        statistical.add(i);
      }
    }
    double[] raw = statistical.stream().mapToDouble(i -> preliminary.get(i).pValue()).toArray();
    double[] adjusted = gate.multiplicity().adjust(raw);
    double alpha = 1 - gate.confidence();
    List<RuleResult> out = new ArrayList<>(preliminary);
    for (int k = 0; k < statistical.size(); k++) {
      int i = statistical.get(k);
      RuleResult r = preliminary.get(i);
      Verdict v = r.verdict();
      double adj = gate.multiplicity() == Multiplicity.NONE ? r.pValue() : adjusted[k];
      boolean survives = gate.multiplicity() == Multiplicity.NONE || adj <= alpha;
      if (v == Verdict.PASS && !survives) {
        v = Verdict.INCONCLUSIVE;
      }
      out.set(i, r.withVerdict(v, adj, reason(gate, r, claims.get(i), v, adj, alpha)));
    }
    return out;
  }

  private static String reason(Gate gate, RuleResult r, Claim claim, Verdict v, double adjusted, double alpha) {
    Rule rule = r.rule();
    String level = ComparisonReport.percent(gate.confidence());
    String interval = level + " interval " + JsonNumbers.interval(r.ci(), rule.kind().paired());
    String boundary = boundaryText(r, claim);
    String p = "p = " + JsonNumbers.p(r.pValue())
        + (gate.multiplicity() == Multiplicity.NONE ? "" : ", " + gate.multiplicity().wire() + "-adjusted p = "
        + JsonNumbers.p(adjusted));
    return switch (v) {
      case PASS -> interval + " lies " + (claim.passAbove() ? "above " : "below ") + boundary + ": "
          + claimText(rule, claim.value()) + " (" + p + ")";
      case FAIL -> interval + " lies " + (claim.passAbove() ? "below " : "above ") + boundary + ": "
          + failText(rule, claim.value());
      case INCONCLUSIVE -> {
        if (claim.passes(r.ci())) {
          yield interval + " clears " + boundary + " at the nominal level but not after "
              + gate.multiplicity().wire() + " adjustment (" + p + " > " + JsonNumbers.p(alpha) + ")";
        }
        String needed = r.nNeeded() > 0
            ? String.format(Locale.ROOT, "about %d examples (now %d) would give %s power if the true %s were the "
                + "observed %s", r.nNeeded(), r.n(), ComparisonReport.percent(gate.power()),
                claim.value(), JsonNumbers.signed(r.estimate()))
            : "no sample size helps while the estimate sits on the boundary";
        yield interval + " contains " + boundary + ", too wide to decide; " + needed;
      }
    };
  }

  private static String boundaryText(RuleResult r, Claim claim) {
    Rule rule = r.rule();
    if (rule.kind().paired() && rule.margin().relative()) {
      return JsonNumbers.signed(claim.boundary()) + " (" + rule.margin() + " of baseline "
          + JsonNumbers.text(r.baseline()) + ")";
    }
    return rule.kind().paired() ? JsonNumbers.signed(claim.boundary()) : JsonNumbers.text(claim.boundary());
  }

  private static String claimText(Rule rule, String value) {
    return switch (rule.kind()) {
      case SUPERIORITY -> "the candidate beats the baseline by more than the margin " + rule.margin();
      case NON_INFERIORITY -> "the candidate is worse than the baseline by less than the margin " + rule.margin();
      case AT_MOST -> "the candidate's " + value + " is at most " + rule.marginText();
      case AT_LEAST -> "the candidate's " + value + " is at least " + rule.marginText();
      case NO_REGRESSIONS -> "";
    };
  }

  private static String failText(Rule rule, String value) {
    return switch (rule.kind()) {
      case SUPERIORITY -> "the candidate does not beat the baseline by the margin " + rule.margin();
      case NON_INFERIORITY -> "the candidate is worse than the baseline by more than the margin " + rule.margin();
      case AT_MOST -> "the candidate's " + value + " exceeds " + rule.marginText();
      case AT_LEAST -> "the candidate's " + value + " is below " + rule.marginText();
      case NO_REGRESSIONS -> "";
    };
  }
}
