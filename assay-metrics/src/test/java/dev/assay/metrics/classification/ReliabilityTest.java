package dev.assay.metrics.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ReliabilityTest {
  @Test
  void handWorkedTwoBins() {
    // Bins (0, .5] and (.5, 1]: {0.3 wrong, 0.5 right} and {0.9 right, 0.7 wrong}.
    double[] conf = {0.3, 0.5, 0.9, 0.7};
    boolean[] correct = {false, true, true, false};
    Reliability r = Reliability.of(conf, correct, new double[] {1, 1, 1, 1}, 2, Binning.UNIFORM);
    assertThat(r.bins()).hasSize(2);
    assertThat(r.bins().get(0).count()).isEqualTo(2); // 0.5 sits on the edge: lower bin, as searchsorted
    assertThat(r.bins().get(0).meanConfidence()).isCloseTo(0.4, within(1e-15));
    assertThat(r.bins().get(0).accuracy()).isEqualTo(0.5);
    assertThat(r.bins().get(1).meanConfidence()).isCloseTo(0.8, within(1e-15));
    // ECE = ½|0.5 − 0.4| + ½|0.5 − 0.8| = 0.2
    assertThat(r.ece()).isCloseTo(0.2, within(1e-15));
  }

  @Test
  void edgesAreNumpyLinspace() {
    // np.linspace(0, 1, 16)[3] is 3 * (1/15) = 0.2 exactly as a double? Its bits decide where 0.2 goes.
    double edge = Reliability.uniformEdges(15)[3];
    assertThat(edge).isEqualTo(3 * (1.0 / 15));
    int expectedBin = 0.2 > edge ? 3 : 2;
    assertThat(Reliability.bin(Reliability.uniformEdges(15), 0.2)).isEqualTo(expectedBin);
    assertThat(Reliability.bin(Reliability.uniformEdges(15), 0.0)).isZero();
    assertThat(Reliability.bin(Reliability.uniformEdges(15), 1.0)).isEqualTo(14);
  }

  @Test
  void perfectlyCalibratedIsZeroAndEmptyBinsAreNaN() {
    double[] conf = {1.0, 1.0, 1.0};
    boolean[] correct = {true, true, true};
    Reliability r = Reliability.of(conf, correct, new double[] {1, 1, 1}, 15, Binning.UNIFORM);
    assertThat(r.ece()).isZero();
    assertThat(r.bins().get(0).accuracy()).isNaN();
  }

  @Property(tries = 100)
  void integerWeightsEqualRepeatedExamples(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int n) {
    Random random = new Random(seed);
    double[] conf = new double[n];
    boolean[] correct = new boolean[n];
    double[] w = new double[n];
    int total = 0;
    for (int i = 0; i < n; i++) {
      conf[i] = random.nextInt(11) / 10.0;
      correct[i] = random.nextBoolean();
      w[i] = random.nextInt(4);
      total += (int) w[i];
    }
    if (total == 0) {
      return;
    }
    double[] conf2 = new double[total];
    boolean[] correct2 = new boolean[total];
    double[] ones = new double[total];
    int k = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < w[i]; j++) {
        conf2[k] = conf[i];
        correct2[k] = correct[i];
        ones[k++] = 1;
      }
    }
    for (Binning b : Binning.values()) {
      Reliability weighted = Reliability.of(conf, correct, w, 7, b);
      Reliability repeated = Reliability.of(conf2, correct2, ones, 7, b);
      assertThat(weighted.ece()).as("seed %d %s", seed, b).isCloseTo(repeated.ece(), within(1e-12));
      assertThat(weighted.ece()).as("seed %d %s", seed, b).isBetween(0.0, 1.0);
    }
  }
}
