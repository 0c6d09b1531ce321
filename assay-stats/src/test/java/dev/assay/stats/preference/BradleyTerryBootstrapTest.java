package dev.assay.stats.preference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.assay.stats.preference.BradleyTerryBootstrap.Comparison;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Bootstrap rankings: exact strengths on a small input against scipy, the true order recovered and
 * the intervals covering the true strengths at about the nominal rate in a seeded simulation.
 */
class BradleyTerryBootstrapTest {
  /** A 3, B 1, one tie; B 2, C 1; A 2, C 1, one tie. */
  static List<Comparison> small() {
    List<Comparison> c = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      c.add(new Comparison(0, 1, 1));
    }
    c.add(new Comparison(0, 1, 0));
    c.add(new Comparison(1, 0, 0.5));
    c.add(new Comparison(1, 2, 1));
    c.add(new Comparison(2, 1, 0));
    c.add(new Comparison(1, 2, 0));
    c.add(new Comparison(0, 2, 1));
    c.add(new Comparison(2, 0, 0));
    c.add(new Comparison(0, 2, 0));
    c.add(new Comparison(0, 2, 0.5));
    return c;
  }

  /**
   * The strengths of {@link #small()} as scipy finds them, maximising the log-likelihood directly:
   * <pre>
   * W = [[0, 3.5, 2.5], [1.5, 0, 2], [1.5, 1, 0]]   # wins, ties half
   * nll(b) = -sum W[i,j] (b[i] - logaddexp(b[i], b[j])) with b = (b0, b1, -b0-b1)
   * scipy.optimize.minimize(nll, zeros(2), method='BFGS', options={'gtol': 1e-12})
   *   -> [0.47410538, -0.10219146, -0.37191392]
   * </pre>
   */
  @Test
  void smallInputMatchesScipy() {
    assertThat(BradleyTerryBootstrap.wins(3, small())).isDeepEqualTo(new double[][] {{0, 3.5, 2.5}, {1.5, 0, 2},
        {1.5, 1, 0}});
    BradleyTerryBootstrap.Result r = BradleyTerryBootstrap.of(3, small(), 200, 7, 0.9);
    assertThat(r.fit().strengths()[0]).isCloseTo(0.47410538, within(1e-7));
    assertThat(r.fit().strengths()[1]).isCloseTo(-0.10219146, within(1e-7));
    assertThat(r.fit().strengths()[2]).isCloseTo(-0.37191392, within(1e-7));
    assertThat(new int[] {r.rank(0), r.rank(1), r.rank(2)}).containsExactly(1, 2, 3);
    BradleyTerryBootstrap.Result again = BradleyTerryBootstrap.of(3, small(), 200, 7, 0.9);
    assertThat(again.strengths()).as("seeded: reproducible").isEqualTo(r.strengths());
    assertThat(BradleyTerryBootstrap.of(3, small(), 200, 8, 0.9).strengths()).isNotEqualTo(r.strengths());
    // Twelve comparisons: some resamples leave a system unbeaten; they are counted, not fitted.
    assertThat(r.failed()).isPositive().isLessThan(200);
    for (int i = 0; i < 3; i++) {
      assertThat(r.rankLower()[i]).isBetween(1, r.rank(i));
      assertThat(r.rankUpper()[i]).isBetween(r.rank(i), 3);
      assertThat(r.strengths()[i].confidence()).isEqualTo(0.9);
    }
  }

  @Test
  void refusesInputsWithoutAFiniteFit() {
    assertThatThrownBy(() -> BradleyTerryBootstrap.of(2, List.of(new Comparison(0, 1, 1)), 10, 1, 0.95))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no finite Bradley-Terry fit");
    assertThatThrownBy(() -> BradleyTerryBootstrap.of(2, small(), 10, 1, 0.95))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names system 2 of 2");
    assertThatThrownBy(() -> new Comparison(1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Comparison(0, 1, 0.3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BradleyTerryBootstrap.of(3, small(), 0, 1, 0.95))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * Four systems with known strengths, 40 comparisons per pair drawn from the model, 300 seeded
   * repetitions of 400 resamples: the fitted order is the true one when the gaps are large, and the
   * 90% intervals cover each true (sum-zero) strength about 90% of the time.
   */
  @Test
  void seededSimulationRecoversTheOrderAndCoversTheTruth() {
    long seed = 20040601L;
    System.out.println("BradleyTerryBootstrapTest seed " + seed);
    double[] truth = {-0.9, -0.3, 0.2, 1.0};
    SplittableRandom random = new SplittableRandom(seed);
    int reps = 300;
    int covered = 0;
    int intervals = 0;
    int orderRecovered = 0;
    for (int rep = 0; rep < reps; rep++) {
      List<Comparison> comparisons = new ArrayList<>();
      for (int i = 0; i < truth.length; i++) {
        for (int j = i + 1; j < truth.length; j++) {
          double p = 1 / (1 + Math.exp(truth[j] - truth[i]));
          for (int g = 0; g < 40; g++) {
            comparisons.add(new Comparison(i, j, random.nextDouble() < p ? 1 : 0));
          }
        }
      }
      BradleyTerryBootstrap.Result r = BradleyTerryBootstrap.of(truth.length, comparisons, 400, random.nextLong(), 0.9);
      for (int i = 0; i < truth.length; i++) {
        intervals++;
        covered += r.strengths()[i].contains(truth[i]) ? 1 : 0;
      }
      orderRecovered += r.rank(0) == 4 && r.rank(1) == 3 && r.rank(2) == 2 && r.rank(3) == 1 ? 1 : 0;
    }
    double coverage = (double) covered / intervals;
    System.out.printf("BradleyTerryBootstrapTest coverage %.4f of %d intervals, order recovered %d of %d%n",
        coverage, intervals, orderRecovered, reps);
    // 1,200 intervals (300 independent sets of 4): the standard error of the coverage is about 1 pp.
    assertThat(coverage).isBetween(0.86, 0.94);
    assertThat(orderRecovered).as("the true order is the fitted one in most repetitions").isGreaterThan(reps * 9 / 10);

    // With many comparisons the order is recovered and every interval is narrow.
    List<Comparison> many = new ArrayList<>();
    for (int i = 0; i < truth.length; i++) {
      for (int j = i + 1; j < truth.length; j++) {
        double p = 1 / (1 + Math.exp(truth[j] - truth[i]));
        for (int g = 0; g < 2000; g++) {
          many.add(new Comparison(i, j, random.nextDouble() < p ? 1 : 0));
        }
      }
    }
    BradleyTerryBootstrap.Result big = BradleyTerryBootstrap.of(truth.length, many, 200, 3, 0.95);
    assertThat(new int[] {big.rank(0), big.rank(1), big.rank(2), big.rank(3)}).containsExactly(4, 3, 2, 1);
    for (int i = 0; i < truth.length; i++) {
      assertThat(big.rankLower()[i]).isEqualTo(big.rankUpper()[i]).isEqualTo(big.rank(i));
      assertThat(big.strengths()[i].width()).isLessThan(0.15);
    }
  }
}
