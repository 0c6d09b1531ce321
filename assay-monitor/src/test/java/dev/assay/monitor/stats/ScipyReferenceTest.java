package dev.assay.monitor.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.assay.stats.hypothesis.TestResult;
import org.junit.jupiter.api.Test;

/**
 * Every test and distance against scipy 1.17.1 on data from {@link Lcg} (the script is in
 * docs/monitoring.md, "Reference values"). Tolerance 1e-9 absolute.
 */
class ScipyReferenceTest {
  private static final double TOL = 1e-9;

  private static void ks(long seed, int n1, int n2, double shift, double grid, double d, double p, double w,
      String method) {
    Lcg g = new Lcg(seed);
    double[] x = g.sample(n1, 0, 1, grid);
    double[] y = g.sample(n2, shift, 1, grid);
    TestResult r = KolmogorovSmirnov.test(x, y);
    assertThat(r.method()).isEqualTo(method);
    assertThat(r.statistic()).isCloseTo(d, within(1e-12));
    // Absolute 1e-9 throughout; below 1e-10 the asymptotic tail (1 - CDF) keeps only ~2 digits.
    assertThat(r.pValue()).isCloseTo(p, within(TOL));
    if (p < 1e-10) {
      assertThat(r.pValue()).isCloseTo(p, within(p * 0.05));
    }
    assertThat(Wasserstein.distance(x, y)).isCloseTo(w, within(1e-12));
  }

  @Test
  void ks2sampExactMatchesScipy() {
    ks(11, 40, 55, 0.5, 0, 0.3659090909090909, 0.002817930448406202, 0.4693972290239552, "ks-exact");
    ks(12, 60, 60, 0.25, 0, 0.25, 0.046660870723173625, 0.3239443719387054, "ks-exact");
    ks(13, 30, 45, 0.25, 0.5, 0.2111111111111111, 0.36530850392275144, 0.31111111111111106, "ks-exact");
    ks(14, 300, 200, 0, 0, 0.04666666666666667, 0.9488862887956638, 0.03818338466187318, "ks-exact");
  }

  @Test
  void ks2sampAsymptoticMatchesScipy() {
    ks(15, 12000, 9000, 0.03, 0, 0.0270555555555555, 0.0010539848396174567, 0.03566217895766101, "ks-asymptotic");
    ks(16, 20000, 15000, 0, 0, 0.009283333333333366, 0.44840177028359274, 0.00586837978164355, "ks-asymptotic");
    ks(17, 11000, 11000, 0.05, 0, 0.050909090909090904, 7.912207831460984e-13, 0.0671705834369768, "ks-asymptotic");
  }

  @Test
  void psiIsTheStandardFormulaWithFlooredShares() {
    long[] ref = {120, 95, 101, 99, 0, 87, 110, 130, 98, 160};
    long[] cur = {80, 91, 140, 90, 12, 70, 100, 160, 120, 137};
    assertThat(PopulationStability.index(ref, cur)).isCloseTo(0.10585724345742334, within(TOL));
    assertThat(PopulationStability.index(ref, ref)).isEqualTo(0);
  }

  @Test
  void chiSquareMatchesScipy() {
    TestResult gof = ChiSquare.goodnessOfFit(new long[] {5040, 4890, 10070}, new double[] {0.25, 0.25, 0.5});
    assertThat(gof.statistic()).isCloseTo(3.2299999999999995, within(TOL));
    assertThat(gof.pValue()).isCloseTo(0.19889067044081965, within(TOL));
    TestResult srm = ChiSquare.goodnessOfFit(new long[] {50210, 49790}, new double[] {1, 1});
    assertThat(srm.statistic()).isCloseTo(1.764, within(TOL));
    assertThat(srm.pValue()).isCloseTo(0.1841263727849757, within(TOL));
    TestResult cont = ChiSquare.homogeneity(new long[] {120, 30, 0, 55, 7}, new long[] {100, 45, 0, 40, 20});
    assertThat(cont.statistic()).isCloseTo(13.332112977083549, within(TOL));
    assertThat(cont.pValue()).isCloseTo(0.003970763505087085, within(TOL));
    // One degree of freedom: Yates' correction, as scipy applies it.
    TestResult two = ChiSquare.homogeneity(new long[] {30, 18}, new long[] {12, 25});
    assertThat(two.statistic()).isCloseTo(6.401846588074784, within(TOL));
    assertThat(two.pValue()).isCloseTo(0.011400172800365751, within(TOL));
  }

  @Test
  void jensenShannonMatchesScipyBase2() {
    assertThat(JensenShannon.distance(new long[] {120, 30, 0, 55, 7}, new long[] {100, 45, 0, 40, 20}))
        .isCloseTo(0.1534391803590252, within(TOL));
    assertThat(JensenShannon.distance(new double[] {0.5, 0.5, 0}, new double[] {0, 0.1, 0.9}))
        .isCloseTo(0.8972141737096521, within(TOL));
    assertThat(JensenShannon.distance(new double[] {1, 0}, new double[] {0, 1})).isCloseTo(1, within(TOL));
  }

  @Test
  void welchMatchesScipyTtestInd() {
    Lcg g = new Lcg(21);
    double[] x = g.sample(50, 1.0, 2.0, 0);
    double[] y = g.sample(70, 0.5, 1.0, 0);
    Moments mx = new Moments();
    for (double v : x) {
      mx.add(v);
    }
    Moments my = new Moments();
    for (double v : y) {
      my.add(v);
    }
    Estimate e = MeanDifference.welch(mx, my, 0.95);
    assertThat(e.estimate()).isCloseTo(0.4413337448931167, within(TOL));
    assertThat(e.estimate() / e.standardError()).isCloseTo(2.3931295549070892, within(TOL));
    assertThat(e.pValue()).isCloseTo(0.01950783984416065, within(TOL));
    assertThat(e.interval().lower()).isCloseTo(0.07325099463422213, within(TOL));
    assertThat(e.interval().upper()).isCloseTo(0.8094164951520113, within(TOL));
  }

  @Test
  void kendallTauMatchesScipy() {
    Lcg g = new Lcg(31);
    double[] x = g.sample(12, 0, 1, 0);
    double[] y = plus(x, g.sample(12, 0, 1, 0), 1);
    KendallTau exact = KendallTau.of(x, y, 0.95);
    assertThat(exact.tau()).isCloseTo(0.2727272727272727, within(TOL));
    assertThat(exact.pValue()).isCloseTo(0.24957952123750735, within(TOL));

    g = new Lcg(32);
    x = g.sample(40, 0, 1, 0.5);
    y = plus(x, g.sample(40, 0, 1, 0.5), 1);
    KendallTau ties = KendallTau.of(x, y, 0.95);
    assertThat(ties.tau()).isCloseTo(0.6610690645787098, within(TOL));
    assertThat(ties.pValue()).isCloseTo(2.519922007064652e-07, within(1e-15));

    g = new Lcg(33);
    x = g.sample(50, 0, 1, 0);
    y = plus(x, g.sample(50, 0, 1, 0), -0.3);
    KendallTau asymp = KendallTau.of(x, y, 0.95);
    assertThat(asymp.tau()).isCloseTo(-0.16734693877551018, within(TOL));
    assertThat(asymp.pValue()).isCloseTo(0.08638266406401134, within(TOL));
  }

  /** {@code a·x + e}, in numpy's order of operations. */
  private static double[] plus(double[] x, double[] e, double a) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = (a == 1 ? x[i] : a * x[i]) + e[i];
    }
    return out;
  }
}
