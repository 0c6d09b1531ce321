package dev.assay.stats.interval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.assay.stats.ConfidenceInterval;
import java.util.Random;
import org.hipparchus.distribution.discrete.BinomialDistribution;
import org.junit.jupiter.api.Test;

class ProportionIntervalTest {

  // {x, n, wilsonLow, wilsonHigh, cpLow, cpHigh} from
  // scipy.stats.binomtest(x, n).proportion_ci(0.95, method='wilson' | 'exact')
  private static final double[][] REFERENCE = {
      {0, 10, 0.0, 0.27753279986288926, 0.0, 0.30849710781876294},
      {1, 10, 0.017876213095072896, 0.4041500267952385, 0.0025285785444625728,
          0.44501611702819543},
      {7, 20, 0.1811918241010821, 0.5671457233147637, 0.1539092047845412, 0.5921885345328283},
      {20, 20, 0.8388748419471808, 1.0, 0.8315665290169145, 1.0},
      {81, 263, 0.2552885198782742, 0.36620957698280004, 0.25273674558504267,
          0.36762192260134746},
      {3, 1000, 0.0010207838811386186, 0.008783014053503173, 0.0006190999316499173,
          0.008742023238657654}};

  @Test
  void wilsonAndClopperPearsonMatchScipy() {
    for (double[] r : REFERENCE) {
      long x = (long) r[0];
      long n = (long) r[1];
      ConfidenceInterval w = WilsonInterval.of(x, n, 0.95);
      ConfidenceInterval cp = ClopperPearsonInterval.of(x, n, 0.95);
      assertThat(w.lower()).as("wilson low %d/%d", x, n).isCloseTo(r[2], within(1e-12));
      assertThat(w.upper()).as("wilson high %d/%d", x, n).isCloseTo(r[3], within(1e-12));
      assertThat(cp.lower()).as("cp low %d/%d", x, n).isCloseTo(r[4], within(1e-12));
      assertThat(cp.upper()).as("cp high %d/%d", x, n).isCloseTo(r[5], within(1e-12));
    }
    // binomtest(7, 20).proportion_ci(0.9, 'exact') and (0.9, 'wilson')
    ConfidenceInterval cp90 = ClopperPearsonInterval.of(7, 20, 0.9);
    assertThat(cp90.lower()).isCloseTo(0.17731091757446915, within(1e-12));
    assertThat(cp90.upper()).isCloseTo(0.5580345113154889, within(1e-12));
    ConfidenceInterval w90 = WilsonInterval.of(7, 20, 0.9);
    assertThat(w90.lower()).isCloseTo(0.20226004005676104, within(1e-12));
    assertThat(w90.upper()).isCloseTo(0.5334873111515284, within(1e-12));
  }

  @Test
  void exactCoverageByEnumerationOfTheBinomial() {
    // Coverage computed exactly: sum of P(X = x) over x whose interval contains p.
    int n = 200;
    for (double p : new double[] {0.1, 0.3, 0.5, 0.8}) {
      BinomialDistribution binomial = new BinomialDistribution(n, p);
      double wilson = 0;
      double cp = 0;
      for (int x = 0; x <= n; x++) {
        if (WilsonInterval.of(x, n, 0.95).contains(p)) {
          wilson += binomial.probability(x);
        }
        if (ClopperPearsonInterval.of(x, n, 0.95).contains(p)) {
          cp += binomial.probability(x);
        }
      }
      assertThat(wilson).as("Wilson coverage n=%d p=%f", n, p).isBetween(0.93, 0.97);
      assertThat(cp).as("Clopper-Pearson coverage n=%d p=%f", n, p).isBetween(0.95, 0.975);
    }
  }

  @Test
  void newcombeMatchesPublishedExample() {
    // Cavo et al. (2012) paired table 59, 6 / 16, 80; Fagerland, Lydersen and Laake (2017),
    // Statistical Analysis of Contingency Tables, ch. 8: Newcombe square-and-add
    // estimate -0.0621, 95% CI -0.1186 to -0.0046.
    PairedCounts counts = new PairedCounts(59, 6, 16, 80);
    ConfidenceInterval ci = NewcombePairedInterval.of(counts, 0.95);
    assertThat(counts.difference()).isCloseTo(-0.0621, within(5e-5));
    assertThat(ci.lower()).isCloseTo(-0.1186, within(5e-5));
    assertThat(ci.upper()).isCloseTo(-0.0046, within(5e-5));
  }

  // Newcombe, Wilson and t coverage on Bernoulli and skewed data: dev.assay.stats.ValidityGridTest.
  @Test
  void tIntervalCoverageOnNormalDataBySimulation() {
    long seed = 8080L;
    Random random = new Random(seed);
    int covered = 0;
    int datasets = 2_000;
    for (int k = 0; k < datasets; k++) {
      double[] d = new double[25];
      for (int i = 0; i < d.length; i++) {
        d[i] = 0.1 + 0.5 * random.nextGaussian();
      }
      if (dev.assay.stats.hypothesis.PairedTTest.ofDifferences(d).interval(0.95).contains(0.1)) {
        covered++;
      }
    }
    assertThat((double) covered / datasets).as("t coverage, seed %d", seed).isBetween(0.93, 0.97);
  }
}
