package dev.assay.stats.hypothesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.assay.stats.bootstrap.CorpusStatistic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PairedCorpusRandomizationTestTest {
  private static final CorpusStatistic MEAN = CorpusStatistic.ratioOfSums();

  /** Per-example vectors (x, 1): the corpus statistic is the mean, swapping flips d's sign. */
  private static List<double[]> means(double[] x) {
    List<double[]> out = new ArrayList<>();
    for (double v : x) {
      out.add(new double[] {v, 1});
    }
    return out;
  }

  private static List<String> ids(int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add("e" + i);
    }
    return ids;
  }

  @Test
  void onMeansTheExactTestIsTheSignFlipTest() {
    long seed = 11;
    Random rnd = new Random(seed);
    double[] b = new double[14];
    double[] c = new double[14];
    for (int i = 0; i < b.length; i++) {
      b[i] = rnd.nextInt(5);
      c[i] = b[i] + rnd.nextInt(4) - 1;
    }
    TestResult ar = PairedCorpusRandomizationTest.defaults().test(ids(14), null, means(b), means(c), MEAN);
    TestResult flip = PairedPermutationTest.defaults().test(ids(14), b, c);
    assertThat(ar.method()).isEqualTo("paired-randomization-exact");
    assertThat(ar.pValue()).as("seed " + seed).isCloseTo(flip.pValue(), within(1e-12));
    assertThat(ar.statistic()).isCloseTo(flip.statistic(), within(1e-12));
  }

  @Test
  void clustersAreSwappedWhole() {
    long seed = 12;
    Random rnd = new Random(seed);
    int n = 30;
    double[] b = new double[n];
    double[] c = new double[n];
    List<String> clusters = new ArrayList<>();
    List<String> ids = ids(n);
    double[] clusterSums = new double[10];
    for (int i = 0; i < n; i++) {
      b[i] = rnd.nextDouble();
      c[i] = b[i] + rnd.nextGaussian() * 0.3 + 0.1;
      clusters.add("doc" + i % 10);
      clusterSums[i % 10] += c[i] - b[i];
    }
    TestResult ar = PairedCorpusRandomizationTest.defaults().test(ids, clusters, means(b), means(c), MEAN);
    List<String> docs = new ArrayList<>();
    for (int k = 0; k < 10; k++) {
      docs.add("doc" + k);
    }
    TestResult flip = PairedPermutationTest.defaults().test(docs, clusterSums);
    assertThat(ar.method()).isEqualTo("paired-randomization-exact (clusters)");
    assertThat(ar.pValue()).as("seed " + seed).isCloseTo(flip.pValue(), within(1e-12));
  }

  @Test
  void monteCarloIsValidAndIndependentOfOrderAndThreads() {
    long seed = 13;
    Random rnd = new Random(seed);
    int n = 200;
    // A ratio statistic whose value is not a mean: precision = matches / predicted.
    List<double[]> b = new ArrayList<>();
    List<double[]> c = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double pb = 1 + rnd.nextInt(20);
      double pc = 1 + rnd.nextInt(20);
      b.add(new double[] {Math.floor(pb * rnd.nextDouble()), pb});
      c.add(new double[] {Math.floor(pc * Math.min(1, rnd.nextDouble() + 0.1)), pc});
    }
    List<String> ids = ids(n);
    TestResult one = new PairedCorpusRandomizationTest(seed, 2000, 1).test(ids, null, b, c, MEAN);
    List<Integer> perm = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      perm.add(i);
    }
    Collections.shuffle(perm, new Random(seed));
    List<String> ids2 = new ArrayList<>();
    List<double[]> b2 = new ArrayList<>();
    List<double[]> c2 = new ArrayList<>();
    for (int i : perm) {
      ids2.add(ids.get(i));
      b2.add(b.get(i));
      c2.add(c.get(i));
    }
    TestResult four = new PairedCorpusRandomizationTest(seed, 2000, 4).test(ids2, null, b2, c2, MEAN);
    assertThat(one.method()).isEqualTo("paired-randomization-monte-carlo");
    assertThat(four.pValue()).as("seed " + seed).isEqualTo(one.pValue());
    assertThat(four.statistic()).isEqualTo(one.statistic());
    assertThat(one.pValue()).isGreaterThanOrEqualTo(1.0 / 2001).isLessThanOrEqualTo(1);
    TestResult same = new PairedCorpusRandomizationTest(seed, 2000, 2).test(ids, null, b, b, MEAN);
    assertThat(same.pValue()).isEqualTo(1);
  }

  @Test
  void typeOneErrorIsNominalUnderExchangeability() {
    long seed = 14;
    Random rnd = new Random(seed);
    int sets = 300;
    int rejections = 0;
    for (int s = 0; s < sets; s++) {
      List<double[]> b = new ArrayList<>();
      List<double[]> c = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        double[] x = {rnd.nextInt(6), 5};
        double[] y = {rnd.nextInt(6), 5};
        b.add(x);
        c.add(y);
      }
      if (new PairedCorpusRandomizationTest(s, 400, 1).test(ids(40), null, b, c, MEAN).pValue() <= 0.05) {
        rejections++;
      }
    }
    // Binomial(300, 0.05): mean 15, sd 3.8; 4 sd either side.
    assertThat(rejections).as("seed " + seed).isBetween(0, 31);
  }
}
