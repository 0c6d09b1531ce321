package dev.assay.stats.multiplicity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class AdjustmentTest {

  private static final double[] P = {0.01, 0.04, 0.03, 0.005, 0.20, 0.04};

  @Test
  void benjaminiHochbergMatchesScipy() {
    // scipy.stats.false_discovery_control(P, method='bh')
    double[] expected = {0.03, 0.048, 0.048, 0.03, 0.2, 0.048};
    double[] actual = BenjaminiHochberg.adjust(P);
    for (int i = 0; i < P.length; i++) {
      assertThat(actual[i]).isCloseTo(expected[i], within(1e-15));
    }
  }

  @Test
  void holmMatchesHandComputation() {
    // sorted 0.005, 0.01, 0.03, 0.04, 0.04, 0.2 times 6..1: 0.03, 0.05, 0.12, 0.12, 0.08, 0.2,
    // then running maximum: 0.03, 0.05, 0.12, 0.12, 0.12, 0.2 (as R p.adjust(p, "holm"))
    double[] expected = {0.05, 0.12, 0.12, 0.03, 0.2, 0.12};
    double[] actual = HolmBonferroni.adjust(P);
    for (int i = 0; i < P.length; i++) {
      assertThat(actual[i]).isCloseTo(expected[i], within(1e-15));
    }
  }

  @Property(tries = 200)
  void adjustedAreMonotoneCappedAndNotBelowRaw(
      @ForAll @Size(min = 1, max = 30) java.util.List<@DoubleRange(min = 0, max = 1) Double> values) {
    double[] p = values.stream().mapToDouble(Double::doubleValue).toArray();
    double[] holm = HolmBonferroni.adjust(p);
    double[] bh = BenjaminiHochberg.adjust(p);
    for (int i = 0; i < p.length; i++) {
      assertThat(holm[i]).isBetween(p[i], 1.0);
      assertThat(bh[i]).isBetween(p[i], 1.0);
      // BH <= Holm holds exactly; m p / j and (m - j + 1) p may round apart by an ulp
      assertThat(bh[i]).isLessThanOrEqualTo(holm[i] + 1e-15);
      for (int j = 0; j < p.length; j++) {
        if (p[i] <= p[j]) {
          assertThat(holm[i]).isLessThanOrEqualTo(holm[j]);
          assertThat(bh[i]).isLessThanOrEqualTo(bh[j]);
        }
      }
    }
  }
}
