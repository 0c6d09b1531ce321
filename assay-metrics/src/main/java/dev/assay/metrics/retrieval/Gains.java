package dev.assay.metrics.retrieval;

import java.util.Arrays;

/**
 * The gains of one topic under a {@link GainSpec}: the gain of each retrieved document and the
 * ideal ordering of the judged documents.
 *
 * <p>As in trec_eval, the gain levels of a topic are every grade from 0 to the topic's highest
 * judged grade plus any overridden grade, each with the number of judged documents at it (possibly
 * 0). Invariants: {@link #ideal()} holds the positive gains of all judged documents in decreasing
 * order; {@link #topGain()} is the largest gain of any level (judged or not); {@link #minGain()} and
 * {@link #maxGain()} range over the levels.
 */
final class Gains {
  private final GainSpec spec;
  private final double[] ideal;
  private final double topGain;
  private final double minGain;
  private final double maxGain;

  private Gains(GainSpec spec, double[] ideal, double topGain, double minGain, double maxGain) {
    this.spec = spec;
    this.ideal = ideal;
    this.topGain = topGain;
    this.minGain = minGain;
    this.maxGain = maxGain;
  }

  static Gains of(TopicJudgments j, GainSpec spec) {
    int positives = 0;
    for (int i = 0; i < j.levelCount(); i++) {
      if (spec.gainOf(j.levelAt(i)) > 0) {
        positives += j.countAt(i);
      }
    }
    double[] ideal = new double[positives];
    int k = 0;
    for (int i = 0; i < j.levelCount(); i++) {
      double g = spec.gainOf(j.levelAt(i));
      if (g > 0) {
        Arrays.fill(ideal, k, k + j.countAt(i), g);
        k += j.countAt(i);
      }
    }
    Arrays.sort(ideal);
    for (int a = 0, b = ideal.length - 1; a < b; a++, b--) {
      double t = ideal[a];
      ideal[a] = ideal[b];
      ideal[b] = t;
    }
    int maxLevel = j.levelCount() == 0 ? -1 : j.levelAt(j.levelCount() - 1);
    double top = Double.NEGATIVE_INFINITY;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    // Levels 0..maxLevel without an override have gain = level: only the lowest and highest of
    // them can be extremes, so the scan stays O(overrides) even for huge grades.
    int lowest = 0;
    while (lowest <= maxLevel && spec.isOverridden(lowest)) {
      lowest++;
    }
    int highest = maxLevel;
    while (highest >= 0 && spec.isOverridden(highest)) {
      highest--;
    }
    if (lowest <= highest) {
      min = lowest;
      max = highest;
      top = highest;
    }
    for (int i = 0; i < spec.overrideCount(); i++) {
      double g = spec.gainOf(spec.overrideLevel(i));
      top = Math.max(top, g);
      min = Math.min(min, g);
      max = Math.max(max, g);
    }
    if (top == Double.NEGATIVE_INFINITY) {
      top = 0;
      min = 0;
      max = 0;
    }
    return new Gains(spec, ideal, top, min, max);
  }

  /** The gain of a document with grade {@code rel} (0 for unjudged or outside the pool). */
  double gain(int rel) {
    return rel < 0 ? 0 : spec.gainOf(rel);
  }

  /** Positive gains of the judged documents, decreasing. Do not modify. */
  double[] ideal() {
    return ideal;
  }

  /** The ideal gain at 0-based position {@code i}; 0 past the positive gains. */
  double idealAt(int i) {
    return i < ideal.length ? ideal[i] : 0;
  }

  double topGain() {
    return topGain;
  }

  double minGain() {
    return minGain;
  }

  double maxGain() {
    return maxGain;
  }
}
