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
 */
public record Judged(String id, double judge, Map<String, Double> humans, Optional<Double> consensus) {
  public Judged {
    humans = Map.copyOf(humans);
  }
}
