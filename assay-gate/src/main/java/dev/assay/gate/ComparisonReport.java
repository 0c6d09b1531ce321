package dev.assay.gate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The comparison of two sides: pairing counts and one {@link Comparison} per metric.
 *
 * @param baseline names the baseline (run id or file)
 * @param candidate names the candidate
 * @param n ids present on both sides
 * @param onlyBaseline ids only in the baseline
 * @param onlyCandidate ids only in the candidate
 * @param comparisons one per metric, in the order requested
 * @param resampling the resampling unit: {@code example} or {@code cluster:FIELD}
 * @param units resampling units among the paired examples (examples, or clusters)
 */
public record ComparisonReport(String baseline, String candidate, int n, int onlyBaseline, int onlyCandidate,
    List<Comparison> comparisons, String resampling, int units) {
  public ComparisonReport {
    comparisons = List.copyOf(comparisons);
  }

  /** The report of a pairing's comparisons. */
  static ComparisonReport of(Pairing pairing, List<Comparison> comparisons) {
    return new ComparisonReport(pairing.baseline().source(), pairing.candidate().source(), pairing.n(),
        pairing.onlyBaseline(), pairing.onlyCandidate(), comparisons, pairing.resampling(), pairing.units());
  }

  /** The comparison of a metric, if compared. */
  public Optional<Comparison> comparison(String metric) {
    return comparisons.stream().filter(c -> c.name().equals(metric)).findFirst();
  }

  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("baseline", baseline);
    o.put("candidate", candidate);
    o.put("n", n);
    o.put("only_baseline", onlyBaseline);
    o.put("only_candidate", onlyCandidate);
    o.put("resampling", resampling);
    if (!resampling.equals("example")) {
      o.put("clusters", units);
    }
    ArrayNode a = o.putArray("comparisons");
    comparisons.forEach(c -> a.add(c.toJson()));
    return o;
  }

  /** A readable table: one line per metric. */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "baseline %s  candidate %s%n", baseline, candidate));
    sb.append(String.format(Locale.ROOT, "n = %d paired examples (%d only in baseline, %d only in candidate)%n",
        n, onlyBaseline, onlyCandidate));
    if (!resampling.equals("example")) {
      sb.append(String.format(Locale.ROOT, "resampling: %d clusters (%s)%n", units, resampling));
    }
    String confidence = comparisons.isEmpty() ? "" : percent(comparisons.get(0).ci().confidence()) + " ";
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"METRIC", "STATISTIC", "BETTER", "N", "BASELINE", "CANDIDATE", "DIFF",
        confidence + "CI", "P", "TEST", "INTERVAL"});
    for (Comparison c : comparisons) {
      rows.add(new String[] {c.name(), c.statistic(), c.direction().wire(), Integer.toString(c.n()),
          JsonNumbers.text(c.baseline()),
          JsonNumbers.text(c.candidate()), JsonNumbers.signed(c.difference()), JsonNumbers.interval(c.ci(), true),
          JsonNumbers.p(c.pValue()), c.test(), c.intervalMethod()});
    }
    sb.append(TextTable.render(rows));
    return sb.toString();
  }

  /** A confidence level as a percentage: {@code 95%}, {@code 99.5%}. */
  public static String percent(double level) {
    double pct = level * 100;
    return pct == Math.rint(pct) ? String.format(Locale.ROOT, "%.0f%%", pct)
        : String.format(Locale.ROOT, "%s%%", Double.toString(pct));
  }
}
