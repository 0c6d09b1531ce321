package dev.assay.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.assay.core.Plugins;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Issue 12 item 14: a run's interval stays inside the range its values can take. */
class RunEstimateTest {
  private static RunEstimate estimate(String metric, double[] values) {
    RunScores side = Tables.of("run", metric, values);
    return RunEstimate.of(side, Tables.resolver(CompareOptions.defaults()).resolve(metric, side, side), 0.95);
  }

  @Test
  void aSkewedLatencyOfFewExamplesHasNoNegativeInterval() {
    // Three fast calls and one slow one: Student's t put the lower end at about -68 ms.
    RunEstimate e = estimate(RunScores.LATENCY, new double[] {2, 3, 2, 180});
    assertThat(e.value()).isCloseTo(46.75, within(1e-9));
    assertThat(e.method()).isEqualTo("bootstrap percentile");
    assertThat(e.ci().lower()).isGreaterThanOrEqualTo(2);
    assertThat(e.ci().upper()).isLessThanOrEqualTo(180);
  }

  @Test
  void meanIntervalsStayInsideTheValuesRange() {
    long seed = 12;
    Random rnd = new Random(seed);
    for (int trial = 0; trial < 30; trial++) {
      int n = 2 + rnd.nextInt(6);
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = rnd.nextDouble() * rnd.nextDouble(); // graded values in [0, 1], skewed to 0
      }
      RunEstimate e = estimate("ndcg_cut_10", v);
      assertThat(e.ci().lower()).as("seed %d trial %d", seed, trial).isGreaterThanOrEqualTo(0);
      assertThat(e.ci().upper()).as("seed %d trial %d", seed, trial).isLessThanOrEqualTo(1);
    }
  }

  @Test
  void zeroOneMeansKeepWilson() {
    RunEstimate e = estimate("exact_match", new double[] {1, 0, 1, 1});
    assertThat(e.method()).isEqualTo("wilson");
    assertThat(e.ci().lower()).isGreaterThan(0);
  }

  @Test
  void theInstalledPluginsResolveEveryMetricOfASide() {
    RunScores side = Tables.of("run", "f1", new double[] {0.5, 0.25, 1});
    assertThat(RunEstimate.of(side, Plugins.installed(), 0.95)).singleElement()
        .satisfies(e -> assertThat(e.value()).isCloseTo(1.75 / 3, within(1e-12)));
  }
}
