package dev.assay.stats.hypothesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.assay.stats.ConfidenceInterval;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Exact values computed once with scipy 1.17.1 / numpy 2.4 (python3) and pasted as literals; each
 * assertion names the scipy call that produced its expected number.
 */
class ScipyReferenceTest {

  private static final double[] D20 = {-1.123825, 1.563728, -0.570662, 0.040827, 0.224657,
      -0.440885, -1.067793, 0.948893, 0.661058, -1.652863, 2.64741, 1.268497, -0.459387,
      1.202198, -0.166953, 0.23931, 1.088844, -0.956668, 0.875858, 1.698979};

  private static final double[] D60 = {1.522298, -0.099699, 1.102919, -1.421583, 0.041811,
      0.649484, -1.143601, 0.118312, 1.92474, 2.818159, 0.977361, 1.028633, -0.758988, -1.009388,
      -1.212292, 0.741547, 0.951939, -0.45876, -1.028675, 0.457558, 0.512903, 0.069188, 1.469983,
      0.107038, 0.133849, -0.908214, 0.335957, 1.547078, 0.261144, 0.270915, 0.633655, 0.477484,
      0.730252, 0.736721, 0.81835, -0.595017, 0.500031, -1.402702, 0.466799, -1.061624, 0.128729,
      0.67405, -0.214854, 0.297717, -1.440418, -0.657259, 0.888282, -0.95453, 0.850452, -1.18836,
      -0.707382, -0.895425, 0.207146, 0.73436, -0.865808, 0.018527, 1.821952, -0.117392,
      -0.615815, 0.586579};

  @Test
  void wilcoxonExactSmallSample() {
    double[] x = {1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30};
    double[] y = {0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29};
    TestResult r = WilcoxonSignedRankTest.test(x, y);
    // scipy.stats.wilcoxon(x, y) -> statistic 5.0, pvalue 0.0390625
    assertThat(r.method()).isEqualTo("wilcoxon-exact");
    assertThat(r.statistic()).isEqualTo(5.0);
    assertThat(r.pValue()).isCloseTo(0.0390625, within(1e-15));
  }

  @Test
  void wilcoxonExactTwentyDifferences() {
    TestResult r = WilcoxonSignedRankTest.test(D20);
    // scipy.stats.wilcoxon(d20) -> statistic 75.0, pvalue 0.2773551940917969
    assertThat(r.method()).isEqualTo("wilcoxon-exact");
    assertThat(r.statistic()).isEqualTo(75.0);
    assertThat(r.pValue()).isCloseTo(0.2773551940917969, within(1e-15));
  }

  @Test
  void wilcoxonPermutationWithTiesAndZeroAtSmallN() {
    double[] d = {0.5, -1.0, 1.0, 2.0, 0.0, 1.5, -0.5, 2.0, 3.0, 1.0};
    TestResult r = WilcoxonSignedRankTest.test(d);
    // scipy.stats.wilcoxon(d10) -> statistic 5.5, pvalue 0.05078125 (PermutationMethod)
    assertThat(r.method()).isEqualTo("wilcoxon-permutation");
    assertThat(r.statistic()).isEqualTo(5.5);
    assertThat(r.pValue()).isCloseTo(0.05078125, within(1e-15));
  }

  @Test
  void wilcoxonNormalWithTiesAndZerosAtModerateN() {
    double[] d = {1, 2, -1, 3, 0, 2, 2, -3, 4, 1, 0, 5, 1, -2, 3, 2, 1, 1, 4, -1, 2, 3, 0, 1, 2,
        -1, 3, 2, 1, 6};
    TestResult r = WilcoxonSignedRankTest.test(d);
    // scipy.stats.wilcoxon(d30) -> statistic 52.0, pvalue 0.0008874881868651605
    assertThat(r.method()).isEqualTo("wilcoxon-normal");
    assertThat(r.statistic()).isEqualTo(52.0);
    assertThat(r.pValue()).isCloseTo(0.0008874881868651605, within(1e-13));
  }

  @Test
  void wilcoxonNormalAboveFifty() {
    TestResult r = WilcoxonSignedRankTest.test(D60);
    // scipy.stats.wilcoxon(d60) -> statistic 779.0, pvalue 0.3167407566408771
    assertThat(r.method()).isEqualTo("wilcoxon-normal");
    assertThat(r.statistic()).isEqualTo(779.0);
    assertThat(r.pValue()).isCloseTo(0.3167407566408771, within(1e-13));
  }

  @Test
  void wilcoxonNormalWithManyZerosAndTiesAboveFifty() {
    double[] d = new double[60];
    for (int i = 0; i < 52; i++) {
      d[i] = Math.round(D60[i] * 2) / 2.0;
    }
    // remaining 8 entries stay 0
    TestResult r = WilcoxonSignedRankTest.test(d);
    // scipy.stats.wilcoxon(d60z) (round(d60[:52]*2)/2 then eight zeros) -> 438.5, 0.5023270047273813
    assertThat(r.statistic()).isEqualTo(438.5);
    assertThat(r.pValue()).isCloseTo(0.5023270047273813, within(1e-13));
  }

  @Test
  void wilcoxonAllZerosIsOne() {
    // scipy.stats.wilcoxon(np.zeros(8)) -> pvalue 1.0
    assertThat(WilcoxonSignedRankTest.test(new double[8]).pValue()).isEqualTo(1.0);
  }

  @Test
  void pairedTTestAndInterval() {
    double[] b = {0.61, 0.72, 0.55, 0.80, 0.66, 0.59, 0.70, 0.74, 0.68, 0.63, 0.77, 0.58};
    double[] c = {0.64, 0.75, 0.54, 0.85, 0.70, 0.60, 0.76, 0.73, 0.72, 0.69, 0.79, 0.61};
    PairedTTest t = PairedTTest.of(b, c);
    TestResult r = t.test();
    // scipy.stats.ttest_rel(c, b) -> statistic 4.293442969317254, pvalue 0.0012698154249199123
    assertThat(r.statistic()).isCloseTo(4.293442969317254, within(1e-12));
    assertThat(r.pValue()).isCloseTo(0.0012698154249199123, within(1e-14));
    // ttest_rel(c, b).confidence_interval(0.95) -> (0.0142147036473742, 0.044118629685959115)
    ConfidenceInterval ci95 = t.interval(0.95);
    assertThat(ci95.lower()).isCloseTo(0.0142147036473742, within(1e-12));
    assertThat(ci95.upper()).isCloseTo(0.044118629685959115, within(1e-12));
    // ... .confidence_interval(0.9) -> (0.016966673734840794, 0.04136665959849251)
    ConfidenceInterval ci90 = t.interval(0.9);
    assertThat(ci90.lower()).isCloseTo(0.016966673734840794, within(1e-12));
    assertThat(ci90.upper()).isCloseTo(0.04136665959849251, within(1e-12));
  }

  @Test
  void mcnemarExactAndMidP() {
    // expected exact: scipy.stats.binomtest(b, b + c, 0.5).pvalue
    // expected mid-p: 2 * binom.cdf(min, n, .5) - binom.pmf(min, n, .5), capped at 1
    int[][] cases = {{6, 16}, {16, 6}, {0, 5}, {3, 3}, {10, 25}, {120, 150}};
    double[] exact = {0.052478790283203125, 0.052478790283203125, 0.0625, 1.0,
        0.016673847800120715, 0.07738939898021849};
    double[] mid = {0.03468966484069824, 0.03468966484069824, 0.03125000000000003, 1.0,
        0.011330984183587134, 0.06820129335098749};
    for (int i = 0; i < cases.length; i++) {
      int b = cases[i][0];
      int c = cases[i][1];
      assertThat(McNemarTest.exact(b, c).pValue()).as("exact b=%d c=%d", b, c)
          .isCloseTo(exact[i], within(1e-12 + 1e-10 * exact[i]));
      assertThat(McNemarTest.midP(b, c).pValue()).as("mid-p b=%d c=%d", b, c)
          .isCloseTo(mid[i], within(1e-12 + 1e-10 * mid[i]));
    }
    assertThat(McNemarTest.exact(0, 0).pValue()).isEqualTo(1.0);
  }

  @Test
  void mcnemarTinyPValuesDoNotUnderflowToZero() {
    // Expected: 2 Σ_{i<=min} C(n, i) / 2^n (minus the pmf at min for mid-p), in exact rational
    // arithmetic (Python fractions), then rounded to double.
    int[][] cases = {{14000, 15883}, {100, 200}, {5, 40}, {3000, 3400}, {20000, 20010}};
    double[] exact = {1.278578204190761e-27, 8.014875216538918e-09, 7.878384167270269e-08, 6.067610453847982e-07,
        0.9641118662239697};
    double[] mid = {1.202199133803197e-27, 5.973550708004184e-09, 4.405936238072172e-08, 5.698240080533092e-07,
        0.9601279485688359};
    for (int i = 0; i < cases.length; i++) {
      int b = cases[i][0];
      int c = cases[i][1];
      assertThat(McNemarTest.exact(b, c).pValue()).as("exact b=%d c=%d", b, c)
          .isCloseTo(exact[i], within(1e-9 * exact[i]));
      assertThat(McNemarTest.midP(c, b).pValue()).as("mid-p b=%d c=%d", c, b)
          .isCloseTo(mid[i], within(1e-9 * mid[i]));
    }
  }

  @Test
  void exactPermutationMatchesScipy() {
    double[] d = {0.2, -0.1, 0.4, 0.3, -0.2, 0.5, 0.1, 0.0, 0.3, -0.4, 0.6, 0.2, 0.1};
    TestResult r = PairedPermutationTest.defaults().test(ids(d.length), d);
    // scipy.stats.permutation_test((d,), np.mean, permutation_type='samples',
    //     n_resamples=np.inf) -> pvalue 0.0908203125; mean 0.15384615384615385
    assertThat(r.method()).isEqualTo("paired-permutation-exact");
    assertThat(r.statistic()).isCloseTo(0.15384615384615385, within(1e-15));
    assertThat(r.pValue()).isCloseTo(0.0908203125, within(1e-15));

    double[] d18 = {-0.0736, -0.5517, -1.6457, 0.9683, -0.421, 0.1508, -0.9136, 1.4517, 0.8979,
        1.1309, 0.0396, 0.6179, 1.0406, 1.173, 0.4624, 0.0881, -0.2095, -0.5986};
    // same scipy call on d18 -> pvalue 0.3209228515625
    assertThat(PairedPermutationTest.defaults().test(ids(18), d18).pValue())
        .isCloseTo(0.3209228515625, within(1e-15));
  }

  static List<String> ids(int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add("ex-" + i);
    }
    return ids;
  }
}
