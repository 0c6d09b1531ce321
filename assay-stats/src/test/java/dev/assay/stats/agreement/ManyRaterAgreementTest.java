package dev.assay.stats.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Fleiss' κ and Krippendorff's α against published worked examples. */
class ManyRaterAgreementTest {
  private static final double NA = Double.NaN;

  /**
   * The worked example of Fleiss' κ in the Wikipedia article "Fleiss' kappa": 10 subjects, 14
   * raters, 5 categories; P̄ = 0.378, P̄_e = 0.213, κ = 0.210.
   */
  @Test
  void fleissKappaOfTheTenSubjectExample() {
    int[][] counts = {
        {0, 0, 0, 0, 14}, {0, 2, 6, 4, 2}, {0, 0, 3, 5, 6}, {0, 3, 9, 2, 0}, {2, 2, 8, 1, 1},
        {7, 7, 0, 0, 0}, {3, 2, 6, 3, 0}, {2, 5, 3, 2, 2}, {6, 5, 2, 1, 0}, {0, 2, 2, 3, 7}};
    FleissKappa.Result r = FleissKappa.of(counts);
    assertThat(r.agreement()).isCloseTo(0.378, within(5e-4));
    assertThat(r.chance()).isCloseTo(0.213, within(5e-4));
    assertThat(r.kappa()).isCloseTo(0.210, within(5e-4));
    assertThat(r.items()).isEqualTo(10);
  }

  @Test
  void fleissKappaOfTwoRatersIsScottsPi() {
    // Scott's π of a 2x2 table: p_o = 0.7, pooled margins (45/100, 55/100), p_e = 0.505.
    int[][] counts = new int[50][];
    int i = 0;
    for (int c = 0; c < 20; c++) {
      counts[i++] = new int[] {2, 0};
    }
    for (int c = 0; c < 15; c++) {
      counts[i++] = new int[] {0, 2};
    }
    for (int c = 0; c < 15; c++) {
      counts[i++] = new int[] {1, 1};
    }
    assertThat(FleissKappa.of(counts).kappa()).isCloseTo((0.7 - 0.505) / (1 - 0.505), within(1e-12));
  }

  @Test
  void itemsWithOneRatingAreLeftOut() {
    FleissKappa.Result r = FleissKappa.of(new int[][] {{2, 0}, {0, 2}, {1, 0}});
    assertThat(r.items()).isEqualTo(2);
    assertThat(r.kappa()).isEqualTo(1.0);
  }

  /**
   * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the example with four
   * observers, twelve units and missing values: α = 0.743 (nominal), 0.815 (ordinal), 0.849
   * (interval), 0.797 (ratio).
   */
  @Test
  void krippendorffAlphaOfThePublishedExample() {
    double[][] byObserver = {
        {1, 2, 3, 3, 2, 1, 4, 1, 2, NA, NA, NA},
        {1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NA, 3},
        {NA, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NA},
        {1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NA}};
    double[][] units = transpose(byObserver);
    assertThat(KrippendorffAlpha.of(units, KrippendorffAlpha.Level.NOMINAL)).isCloseTo(0.743, within(5e-4));
    assertThat(KrippendorffAlpha.of(units, KrippendorffAlpha.Level.ORDINAL)).isCloseTo(0.815, within(5e-4));
    assertThat(KrippendorffAlpha.of(units, KrippendorffAlpha.Level.INTERVAL)).isCloseTo(0.849, within(5e-4));
    assertThat(KrippendorffAlpha.of(units, KrippendorffAlpha.Level.RATIO)).isCloseTo(0.797, within(5e-4));
  }

  /** Krippendorff (2011), the binary example with two observers and ten units: α = 0.095. */
  @Test
  void krippendorffAlphaOfTheBinaryExample() {
    double[][] units = transpose(new double[][] {
        {0, 1, 0, 0, 0, 0, 0, 0, 1, 0},
        {1, 1, 1, 0, 0, 1, 0, 0, 0, 0}});
    assertThat(KrippendorffAlpha.of(units, KrippendorffAlpha.Level.NOMINAL)).isCloseTo(0.095, within(5e-4));
  }

  @Test
  void alphaIsUndefinedWithoutPairableDisagreementRoom() {
    assertThat(KrippendorffAlpha.of(new double[][] {{1, 1}, {1, 1}}, KrippendorffAlpha.Level.NOMINAL)).isNaN();
    assertThat(KrippendorffAlpha.of(new double[][] {{1, NA}, {2, NA}}, KrippendorffAlpha.Level.NOMINAL)).isNaN();
  }

  private static double[][] transpose(double[][] a) {
    double[][] t = new double[a[0].length][a.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        t[j][i] = a[i][j];
      }
    }
    return t;
  }
}
