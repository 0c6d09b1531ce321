package dev.assay.gate;

import dev.assay.core.Verdict;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded simulation of the gate's false-PASS rate when the true difference sits exactly on the
 * boundary: at most α (two-sided 95% intervals give about α/2) plus Monte Carlo error.
 */
class GateErrorRateTest {
  private static final int DATASETS = 250;
  private static final int N = 60;

  private static double passRate(long seed, Rule rule, double trueDifference, IntervalChoice interval) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Tables.Evaluator e = Tables.evaluator(CompareOptions.defaults().withReplicates(999).withInterval(interval)
        .withTest(TestChoice.T));
    Gate gate = Gate.of(0.95, Multiplicity.HOLM, List.of(rule));
    int passes = 0;
    for (int s = 0; s < DATASETS; s++) {
      double[] b = new double[N];
      double[] c = new double[N];
      for (int i = 0; i < N; i++) {
        b[i] = rnd.nextDouble();
        c[i] = b[i] + trueDifference + gaussian(rnd) * 0.2;
      }
      if (e.evaluate(gate, Tables.pair("score", b, c), null, null).verdict() == Verdict.PASS) {
        passes++;
      }
    }
    return (double) passes / DATASETS;
  }

  private static double gaussian(SplittableRandom rnd) {
    return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
  }

  private static final double LIMIT = 0.05 + 3 * Math.sqrt(0.05 * 0.95 / DATASETS);

  @Test
  void superiorityAtZeroTrueDifferenceRarelyPasses() {
    long seed = 20240601L;
    double t = passRate(seed, Rule.superiority("score", Margin.ZERO), 0, IntervalChoice.T);
    // About 2.5% expected (one tail of a two-sided 95% interval); a rate near 0 would mean a
    // uselessly conservative gate.
    assertThat(t).as("false PASS rate, t, seed %d", seed).isLessThanOrEqualTo(LIMIT).isGreaterThan(0.002);
  }

  @Test
  void nonInferiorityAtTheMarginRarelyPasses() {
    long seed = 99L;
    double rate = passRate(seed, Rule.nonInferiority("score", new Margin(0.05, false)), -0.05, IntervalChoice.BCA);
    assertThat(rate).as("false PASS rate at the margin, bca, seed %d", seed).isLessThanOrEqualTo(LIMIT);
  }
}
