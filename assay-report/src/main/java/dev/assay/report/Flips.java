package dev.assay.report;

import dev.assay.core.Direction;
import dev.assay.gate.PairedMetric;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The examples whose per-example primary metric changed: for a 0/1 metric, those that flipped
 * between pass and fail; for a graded metric, those whose value changed by more than {@link
 * #TOLERANCE} of the metric's observed range (rounding noise is not a flip).
 *
 * <p>Regressions come first, largest change first, then improvements the same way; ties keep
 * example-id order, so the list is deterministic.
 */
public record Flips(List<Flip> regressions, List<Flip> improvements) {
  /** Relative change below which a graded metric has not changed. */
  public static final double TOLERANCE = 1e-9;

  public Flips {
    regressions = List.copyOf(regressions);
    improvements = List.copyOf(improvements);
  }

  public static Flips of(PairedMetric metric, Direction direction) {
    double[] b = metric.baseline();
    double[] c = metric.candidate();
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < b.length; i++) {
      lo = Math.min(lo, Math.min(b[i], c[i]));
      hi = Math.max(hi, Math.max(b[i], c[i]));
    }
    double eps = Math.max(hi - lo, 1) * TOLERANCE;
    List<Flip> worse = new ArrayList<>();
    List<Flip> better = new ArrayList<>();
    for (int i = 0; i < b.length; i++) {
      double d = c[i] - b[i];
      if (Math.abs(d) <= eps) {
        continue;
      }
      boolean regression = direction.improvement(d) < 0;
      (regression ? worse : better).add(new Flip(metric.ids().get(i), b[i], c[i], regression));
    }
    Comparator<Flip> order = Comparator.comparingDouble(Flip::size).reversed();
    worse.sort(order);
    better.sort(order);
    return new Flips(worse, better);
  }

  public int total() {
    return regressions.size() + improvements.size();
  }
}
