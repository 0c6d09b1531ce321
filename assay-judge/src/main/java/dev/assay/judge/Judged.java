package dev.assay.judge;

import java.util.Map;
import java.util.Optional;

/**
 * One labelled answer with the judge's score of it.
 *
 * @param id the example's id
 * @param judge the judge's score
 * @param humans each human rater's label of the same answer ({@code ""} for an unnamed rater)
 * @param consensus the label most raters gave; empty when raters tie
 * @param members a judge panel's member scores, in the panel's order; empty for a single judge
 */
public record Judged(String id, double judge, Map<String, Double> humans, Optional<Double> consensus,
    double[] members) {
  public Judged {
    humans = Map.copyOf(humans);
    members = members == null ? new double[0] : members.clone();
  }

  /** A single judge's score. */
  public Judged(String id, double judge, Map<String, Double> humans, Optional<Double> consensus) {
    this(id, judge, humans, consensus, null);
  }
}
