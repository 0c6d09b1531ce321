package dev.assay.stats.power;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.assay.stats.Sides;
import dev.assay.stats.hypothesis.McNemarTest;
import dev.assay.stats.hypothesis.PairedTTest;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PowerTest {

  @Test
  void pairedMeanPowerIsCloseToExactNoncentralT() {
    // exact: stats.nct.sf(tc, n-1, nc) + stats.nct.cdf(-tc, n-1, nc), tc = t.ppf(.975, n-1),
    // nc = effect * sqrt(n) / sd (scipy 1.17)
    double[][] cases = {{10, 0.5, 1.0, 0.29317560651407687}, {30, 0.5, 1.0, 0.7539647157437906},
        {50, 0.02, 0.1, 0.2835924146674736}, {200, 0.2, 1.0, 0.8036666605857853}};
    for (double[] c : cases) {
      double power = PairedMeanPower.power(c[1], c[2], (int) c[0], 0.05, Sides.TWO_SIDED);
      // the shifted central t is conservative: never above the exact power, 0.035 below at
      // n = 10, within 0.007 from n = 30
      assertThat(power).as("n=%s effect=%s", c[0], c[1]).isLessThanOrEqualTo(c[3])
          .isCloseTo(c[3], within(c[0] < 30 ? 0.04 : 0.007));
    }
  }

  @Test
  void minimumDetectableEffectAndSampleSizeInvertPower() {
    double mde = PairedMeanPower.minimumDetectableEffect(0.3, 400, 0.05, 0.8, Sides.TWO_SIDED);
    assertThat(PairedMeanPower.power(mde, 0.3, 400, 0.05, Sides.TWO_SIDED))
        .isCloseTo(0.8, within(1e-9));
    // large-n limit: (z_.975 + z_.8) sd / sqrt(n)
    assertThat(mde).isCloseTo((1.959963984540054 + 0.8416212335729143) * 0.3 / 20,
        within(2e-4));
    int n = PairedMeanPower.sampleSize(0.05, 0.3, 0.05, 0.8, Sides.ONE_SIDED);
    assertThat(PairedMeanPower.power(0.05, 0.3, n, 0.05, Sides.ONE_SIDED))
        .isGreaterThanOrEqualTo(0.8);
    assertThat(PairedMeanPower.power(0.05, 0.3, n - 1, 0.05, Sides.ONE_SIDED)).isLessThan(0.8);
  }

  @Test
  void pairedMeanPowerMatchesSimulatedRejectionRate() {
    long seed = 60601L;
    Random random = new Random(seed);
    int n = 30;
    int datasets = 2_000;
    int reject = 0;
    for (int k = 0; k < datasets; k++) {
      double[] d = new double[n];
      for (int i = 0; i < n; i++) {
        d[i] = 0.5 + random.nextGaussian();
      }
      if (PairedTTest.ofDifferences(d).test().pValue() <= 0.05) {
        reject++;
      }
    }
    double predicted = PairedMeanPower.power(0.5, 1.0, n, 0.05, Sides.TWO_SIDED);
    assertThat((double) reject / datasets).as("seed %d, predicted %f", seed, predicted)
        .isCloseTo(predicted, within(0.035));
  }

  @Test
  void connorSampleSizeAndPower() {
    // Connor (1987): n = (z_.975 sqrt(psi) + z_.8 sqrt(psi - delta^2))^2 / delta^2
    // psi = 0.2, delta = 0.1: (1.959964 * 0.447214 + 0.841621 * 0.435890)^2 / 0.01 = 154.6
    assertThat(PairedProportionPower.sampleSize(0.15, 0.05, 0.05, 0.8, Sides.TWO_SIDED))
        .isEqualTo(155);
    assertThat(PairedProportionPower.power(0.15, 0.05, 155, 0.05, Sides.TWO_SIDED))
        .isBetween(0.8, 0.802);
    double mde = PairedProportionPower.minimumDetectableEffect(0.2, 155, 0.05, 0.8,
        Sides.TWO_SIDED);
    assertThat(mde).isCloseTo(0.1, within(0.001));
    assertThat(PairedProportionPower.minimumDetectableEffect(0.01, 20, 0.05, 0.8,
        Sides.TWO_SIDED)).isNaN();
  }

  @Test
  void connorPowerMatchesSimulatedMidPMcNemar() {
    long seed = 90210L;
    Random random = new Random(seed);
    int n = 155;
    int datasets = 2_000;
    int reject = 0;
    for (int k = 0; k < datasets; k++) {
      int b = 0;
      int c = 0;
      for (int i = 0; i < n; i++) {
        double u = random.nextDouble();
        if (u < 0.15) {
          c++;
        } else if (u < 0.20) {
          b++;
        }
      }
      if (McNemarTest.midP(b, c).pValue() <= 0.05) {
        reject++;
      }
    }
    assertThat((double) reject / datasets).as("seed %d", seed).isCloseTo(0.8, within(0.04));
  }
}
