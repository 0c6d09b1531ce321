package dev.assay.gate;

import dev.assay.core.Direction;
import dev.assay.core.InputException;
import dev.assay.core.Metric;
import dev.assay.core.MetricKind;
import dev.assay.core.MetricSample;
import dev.assay.core.Verdict;
import dev.assay.stats.ConfidenceInterval;
import dev.assay.stats.ppi.MeanEstimate;
import dev.assay.stats.Sides;
import dev.assay.stats.power.PairedMeanPower;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
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
 *
 * <p>Paired rules read the interval family of the metric's {@link Comparison}, which the comparison
 * already computed: a gate adds no bootstrap of its own for them.
 */
final class GateEvaluator {
  private final CompareOptions options;

  /** @param options interval method, test, seed and replicates (confidence and power come from the gate) */
  GateEvaluator(CompareOptions options) {
    this.options = options;
  }

  /**
   * @param metrics the metric of each name (how it aggregates, its direction)
   * @param comparisons the comparisons already made, by metric name; the evaluator adds those it needs
   * @param tags the tags of an example by id, or null when unknown (then a no_regressions rule is
   *     an input error)
   * @param datasetHash the dataset's hash when known, for the plan record
   */
  GateResult evaluate(Gate gate, Pairing pairing, Function<String, Metric> metrics,
      Map<String, Comparison> comparisons, Function<String, Map<String, String>> tags, String datasetHash) {
    return evaluate(gate, pairing, metrics, comparisons, tags, datasetHash, rule -> {
      throw new IllegalStateException("no prediction-powered estimates here");
    });
  }

  /**
   * @param ppi the prediction-powered estimate of a threshold rule with {@code interval: ppi}
   *     ({@link Rule.Threshold#ppi()}), at the gate's confidence
   */
  GateResult evaluate(Gate gate, Pairing pairing, Function<String, Metric> metrics,
      Map<String, Comparison> comparisons, Function<String, Map<String, String>> tags, String datasetHash,
      Function<Rule.Threshold, MeanEstimate> ppi) {
    CompareOptions o = options.withConfidence(gate.confidence()).withPower(gate.power());
    MetricComparer comparer = new MetricComparer(options);
    List<RuleOutcome> preliminary = new ArrayList<>();
    List<Claim> claims = new ArrayList<>();
    for (int i = 0; i < gate.rules().size(); i++) {
      Rule rule = gate.rules().get(i);
      Metric metric = metric(gate, i, pairing, metrics);
      if (rule instanceof Rule.Paired paired) {
        Comparison c = comparisons.computeIfAbsent(metric.name(), m -> comparer.compare(pairing, metric));
        Claim claim = Claim.paired(paired, metric.direction(), c.baseline());
        claims.add(claim);
        preliminary.add(judge(rule, claim, metric.direction(), c.n(), OptionalDouble.of(c.baseline()),
            c.candidate(), c.difference(), c.sdDifference(), c.intervals(), o));
      } else if (rule instanceof Rule.Threshold threshold) {
        if (threshold.ppi().isPresent()) {
          Claim claim = Claim.threshold(threshold, "rate (" + threshold.ppi().get().method() + ")");
          claims.add(claim);
          preliminary.add(ppiRule(threshold, claim, metric, ppi.apply(threshold), o));
          continue;
        }
        Claim claim = Claim.threshold(threshold, valueName(metric));
        claims.add(claim);
        preliminary.add(candidateRule(rule, claim, metric, pairing, o));
      } else {
        claims.add(null);
        preliminary.add(noRegressions(gate, i, (Rule.NoRegressions) rule, metric, pairing, tags));
      }
    }
    List<RuleOutcome> results = adjust(gate, preliminary, claims);
    return new GateResult(gate, Verdict.combine(results.stream().map(RuleOutcome::verdict).toList()), results,
        pairing.baseline().source(), pairing.candidate().source(), pairing.n(), datasetHash, null,
        pairing.resampling(), pairing.units());
  }

  private static Metric metric(Gate gate, int index, Pairing pairing, Function<String, Metric> metrics) {
    Rule rule = gate.rules().get(index);
    try {
      pairing.requireMetric(rule.metric());
      return metrics.apply(rule.metric());
    } catch (InputException e) {
      throw new InputException(gate.source(), rule.line(), "rules[" + index + "].metric", e.getMessage(),
          e.expected());
    }
  }

  private static String valueName(Metric metric) {
    return switch (metric.kind()) {
      case MEAN -> "mean";
      case CORPUS -> "corpus value";
      case QUANTILE -> "quantile";
    };
  }

  /**
   * An at_most / at_least rule on a prediction-powered estimate: its normal intervals (estimate ±
   * z·se at every level) form the family the claim is judged and inverted on.
   */
  private static RuleOutcome ppiRule(Rule.Threshold rule, Claim claim, Metric metric, MeanEstimate e,
      CompareOptions o) {
    IntervalSource normal = new IntervalSource() {
      @Override
      public String method() {
        return e.method();
      }

      @Override
      public ConfidenceInterval at(double confidence) {
        return e.interval(confidence);
      }

      @Override
      public double standardError() {
        return e.standardError();
      }
    };
    // n counts the human-labelled examples: they, not the judge-only ones, limit the precision.
    return judge(rule, claim, metric.direction(), e.labelled(), OptionalDouble.empty(), e.estimate(), e.estimate(),
        e.standardError() * Math.sqrt(e.labelled()), normal, o);
  }

  /** An at_most / at_least rule: an interval of the candidate's value of the metric. */
  private RuleOutcome candidateRule(Rule rule, Claim claim, Metric metric, Pairing pairing, CompareOptions o) {
    PairedScores ps = pairing.scores(metric.name());
    double value = metric.sample(ps.inSideOrder(pairing.candidate(), false)).value();
    IntervalSource intervals;
    double sd;
    if (metric.kind() == MetricKind.MEAN && ps.single()) {
      PairedMetric pm = pairing.values(metric.name());
      double[] values = pm.candidate();
      intervals = IntervalSources.mean(pm.ids(), values, pm.clusterKeys(), o);
      sd = pm.clustered() && Double.isFinite(intervals.standardError())
          ? intervals.standardError() * Math.sqrt(pm.n()) : PairedMetric.sd(values);
    } else {
      Optional<PairedCorpus> corpus = MetricComparer.corpus(metric, ps);
      if (corpus.isPresent()) {
        intervals = IntervalSources.corpusCandidate(corpus.get(), o);
      } else {
        MetricSample cand = metric.sample(PairedScores.flatten(ps.candidate()));
        intervals = IntervalSources.general(ps.ids(), ps.clusterKeys(),
            w -> cand.value(PairedScores.expand(w, ps.candidate())), o);
      }
      sd = intervals.standardError() * Math.sqrt(ps.n());
    }
    return judge(rule, claim, metric.direction(), ps.n(), OptionalDouble.empty(), value, value, sd, intervals, o);
  }

  /**
   * A claim on an interval: it lies above (or below) a boundary, strictly or not. {@code value}
   * names what the rule bounds: the {@code difference}, or the candidate's {@code mean}, {@code
   * corpus value} or {@code quantile}.
   */
  record Claim(double boundary, boolean passAbove, boolean strict, String value) {
    static Claim paired(Rule.Paired rule, Direction direction, double baseline) {
      double m = rule.margin().absolute(baseline);
      // In units of candidate - baseline: superiority needs an improvement beyond +m,
      // non-inferiority tolerates a loss up to m.
      double improvementBoundary = rule instanceof Rule.Superiority ? m : -m;
      double boundary = direction.higherIsBetter() ? improvementBoundary : -improvementBoundary;
      return new Claim(boundary == 0 ? 0 : boundary, direction.higherIsBetter(), true, "difference");
    }

    static Claim threshold(Rule.Threshold rule, String value) {
      return new Claim(rule.threshold(), rule.atLeast(), false, value);
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

  private static RuleOutcome.IntervalOutcome judge(Rule rule, Claim claim, Direction direction, int n,
      OptionalDouble baseline, double candidate, double estimate, double sd, IntervalSource intervals,
      CompareOptions o) {
    ConfidenceInterval ci = intervals.at(o.confidence());
    double p = intervals.invert(claim::passes);
    Verdict v = claim.passes(ci) ? Verdict.PASS : claim.fails(ci) ? Verdict.FAIL : Verdict.INCONCLUSIVE;
    OptionalInt needed = OptionalInt.empty();
    if (v == Verdict.INCONCLUSIVE) {
      double effect = Math.abs(estimate - claim.boundary());
      if (sd > 0 && effect > 0) {
        try {
          needed = OptionalInt.of(PairedMeanPower.sampleSize(effect, sd, 1 - o.confidence(), o.power(),
              Sides.TWO_SIDED));
        } catch (IllegalArgumentException e) {
          needed = OptionalInt.empty();
        }
      }
    }
    return new RuleOutcome.IntervalOutcome(rule, v, direction, n, baseline, candidate, estimate, claim.boundary(), ci,
        p, p, needed, "", claim.value());
  }

  private RuleOutcome noRegressions(Gate gate, int index, Rule.NoRegressions rule, Metric metric, Pairing pairing,
      Function<String, Map<String, String>> tags) {
    String field = "rules[" + index + "]";
    if (tags == null) {
      throw new InputException(gate.source(), rule.line(), field, "no_regressions needs the examples' tags, "
          + "which score files do not hold", "give 'assay compare' the dataset with --dataset FILE");
    }
    PairedMetric pm;
    try {
      pm = pairing.values(rule.metric());
    } catch (InputException e) {
      throw new InputException(gate.source(), rule.line(), field + ".metric", e.getMessage(), e.expected());
    }
    boolean binary = pm.binary();
    if (!binary && rule.passThreshold().isEmpty()) {
      throw new InputException(gate.source(), rule.line(), field + ".pass_threshold",
          "metric '" + rule.metric() + "' is not 0/1, so a pass needs a threshold",
          "pass_threshold: the value at which an example passes");
    }
    Direction direction = metric.direction();
    int critical = 0;
    List<String> regressed = new ArrayList<>();
    for (int i = 0; i < pm.n(); i++) {
      String id = pm.ids().get(i);
      Map<String, String> t = tags.apply(id);
      if (t == null || !CriticalTags.matches(rule.tag(), t)) {
        continue;
      }
      critical++;
      if (passes(rule, direction, pm.baseline()[i]) && !passes(rule, direction, pm.candidate()[i])) {
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
    return new RuleOutcome.RegressionOutcome(rule, v, direction, critical, regressed, reason);
  }

  private static boolean passes(Rule.NoRegressions rule, Direction direction, double value) {
    if (rule.passThreshold().isPresent()) {
      double t = rule.passThreshold().getAsDouble();
      return direction.higherIsBetter() ? value >= t : value <= t;
    }
    return direction.higherIsBetter() ? value == 1 : value == 0;
  }

  private static List<RuleOutcome> adjust(Gate gate, List<RuleOutcome> preliminary, List<Claim> claims) {
    List<Integer> statistical = new ArrayList<>();
    for (int i = 0; i < preliminary.size(); i++) {
      if (preliminary.get(i) instanceof RuleOutcome.IntervalOutcome) {
        statistical.add(i);
      }
    }
    double[] raw = statistical.stream()
        .mapToDouble(i -> ((RuleOutcome.IntervalOutcome) preliminary.get(i)).pValue()).toArray();
    double[] adjusted = gate.multiplicity().adjust(raw);
    double alpha = 1 - gate.confidence();
    List<RuleOutcome> out = new ArrayList<>(preliminary);
    for (int k = 0; k < statistical.size(); k++) {
      int i = statistical.get(k);
      RuleOutcome.IntervalOutcome r = (RuleOutcome.IntervalOutcome) preliminary.get(i);
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

  private static String reason(Gate gate, RuleOutcome.IntervalOutcome r, Claim claim, Verdict v, double adjusted,
      double alpha) {
    Rule rule = r.rule();
    boolean paired = rule instanceof Rule.Paired;
    String level = ComparisonReport.percent(gate.confidence());
    String interval = level + " interval " + JsonNumbers.interval(r.ci(), paired);
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
        String needed = r.nNeeded().isPresent()
            ? String.format(Locale.ROOT, "about %d examples (now %d) would give %s power if the true %s were the "
                + "observed %s", r.nNeeded().getAsInt(), r.n(), ComparisonReport.percent(gate.power()),
                claim.value(), JsonNumbers.signed(r.estimate()))
            : "no sample size helps while the estimate sits on the boundary";
        yield interval + " contains " + boundary + ", too wide to decide; " + needed;
      }
    };
  }

  private static String boundaryText(RuleOutcome.IntervalOutcome r, Claim claim) {
    if (r.rule() instanceof Rule.Paired p) {
      return p.margin().relative()
          ? JsonNumbers.signed(claim.boundary()) + " (" + p.margin() + " of baseline "
              + JsonNumbers.text(r.baseline().orElse(Double.NaN)) + ")"
          : JsonNumbers.signed(claim.boundary());
    }
    return JsonNumbers.text(claim.boundary());
  }

  private static String claimText(Rule rule, String value) {
    if (rule instanceof Rule.Superiority s) {
      return "the candidate beats the baseline by more than the margin " + s.margin();
    }
    if (rule instanceof Rule.NonInferiority n) {
      return "the candidate is worse than the baseline by less than the margin " + n.margin();
    }
    Rule.Threshold t = (Rule.Threshold) rule;
    return "the candidate's " + value + " is at " + (t.atLeast() ? "least " : "most ") + t.marginText();
  }

  private static String failText(Rule rule, String value) {
    if (rule instanceof Rule.Superiority s) {
      return "the candidate does not beat the baseline by the margin " + s.margin();
    }
    if (rule instanceof Rule.NonInferiority n) {
      return "the candidate is worse than the baseline by more than the margin " + n.margin();
    }
    Rule.Threshold t = (Rule.Threshold) rule;
    return "the candidate's " + value + (t.atLeast() ? " is below " : " exceeds ") + t.marginText();
  }
}
