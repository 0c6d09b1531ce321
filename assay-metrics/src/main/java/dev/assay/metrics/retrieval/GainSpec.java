package dev.assay.metrics.retrieval;

import dev.assay.core.InputException;
import java.util.Arrays;
import java.util.TreeMap;

/**
 * Gains per relevance grade for the graded measures (ndcg family, G, rbp).
 *
 * <p>By default a grade's gain is the grade itself, as in trec_eval. Overrides are written as
 * trec_eval writes them, {@code grade=gain,grade=gain}, e.g. {@code 1=3.5,2=9.0}; grades not named
 * keep their default. Documents outside the pool or unjudged always have gain 0. Immutable; equal
 * specs are equal objects.
 */
final class GainSpec {
  static final GainSpec DEFAULT = new GainSpec(new int[0], new double[0]);

  private final int[] levels;
  private final double[] gains;

  private GainSpec(int[] levels, double[] gains) {
    this.levels = levels;
    this.gains = gains;
  }

  /** Parses {@code grade=gain,...}; {@code metric} names the metric in messages. */
  static GainSpec parse(String text, String metric) {
    TreeMap<Integer, Double> map = new TreeMap<>();
    for (String part : text.split(",", -1)) {
      int eq = part.indexOf('=');
      try {
        if (eq <= 0) {
          throw new NumberFormatException();
        }
        int level = Integer.parseInt(part.substring(0, eq).trim());
        double gain = Double.parseDouble(part.substring(eq + 1).trim());
        if (level < 0 || !Double.isFinite(gain)) {
          throw new NumberFormatException();
        }
        if (map.put(level, gain) != null) {
          throw InputException.of("grade " + level + " given twice in gains of metric '" + metric + "'",
              "each grade once");
        }
      } catch (NumberFormatException e) {
        throw InputException.of("malformed gain '" + part + "' in metric '" + metric + "'",
            "gains=GRADE=GAIN,... with grades >= 0, e.g. gains=1=1,2=3");
      }
    }
    int[] l = new int[map.size()];
    double[] g = new double[map.size()];
    int i = 0;
    for (var e : map.entrySet()) {
      l[i] = e.getKey();
      g[i++] = e.getValue();
    }
    return new GainSpec(l, g);
  }

  boolean isDefault() {
    return levels.length == 0;
  }

  /** The gain of a grade {@code >= 0}. */
  double gainOf(int grade) {
    if (levels.length == 0) {
      return grade;
    }
    int i = Arrays.binarySearch(levels, grade);
    return i >= 0 ? gains[i] : grade;
  }

  boolean isOverridden(int grade) {
    return Arrays.binarySearch(levels, grade) >= 0;
  }

  int overrideCount() {
    return levels.length;
  }

  int overrideLevel(int i) {
    return levels[i];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GainSpec g && Arrays.equals(levels, g.levels) && Arrays.equals(gains, g.gains);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(levels) + Arrays.hashCode(gains);
  }
}
