package dev.assay.stats.agreement;

import java.util.Locale;

/**
 * How much a disagreement between two categories costs in a weighted κ (Cohen 1968). Categories
 * carry numeric values (their positions 0, 1, 2... when they have none); the cost of rating
 * {@code a} where the other rater said {@code b} is:
 *
 * <ul>
 *   <li>{@link #NONE}: 1 for any disagreement (Cohen's 1960 κ);
 *   <li>{@link #LINEAR}: {@code |a - b|};
 *   <li>{@link #QUADRATIC}: {@code (a - b)²}.
 * </ul>
 *
 * κ does not change when every cost is multiplied by one constant, so the costs need no
 * normalisation.
 */
public enum KappaWeights {
  NONE,
  LINEAR,
  QUADRATIC;

  /** The cost of a disagreement between values {@code a} and {@code b}; 0 when they are equal. */
  public double disagreement(double a, double b) {
    if (a == b) {
      return 0;
    }
    return switch (this) {
      case NONE -> 1;
      case LINEAR -> Math.abs(a - b);
      case QUADRATIC -> (a - b) * (a - b);
    };
  }

  /** The name in files and on the command line: {@code none}, {@code linear}, {@code quadratic}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The weighting called {@code name} ({@link #wire()}), or null. */
  public static KappaWeights parse(String name) {
    for (KappaWeights w : values()) {
      if (w.wire().equals(name)) {
        return w;
      }
    }
    return null;
  }
}
