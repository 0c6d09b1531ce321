package dev.assay.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.InputException;
import dev.assay.stats.hypothesis.McNemarTest;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MetricComparerTest {
  private static final CompareOptions OPTIONS = CompareOptions.defaults().withReplicates(2000);

  @Test
  void binaryMetricsDefaultToMcNemarAndBca() {
    Pairing p = Tables.pair("exact_match", Tables.outcomes(100, 50), Tables.outcomes(100, 62));
    Comparison c = Tables.compare(OPTIONS, p, "exact_match");
    assertThat(c.test()).isEqualTo("mcnemar-exact");
    assertThat(c.pValue()).isEqualTo(McNemarTest.exact(0, 12).pValue());
    assertThat(c.difference()).isCloseTo(0.12, within(1e-12));
    assertThat(c.relativeDifference()).isCloseTo(0.24, within(1e-12));
    assertThat(c.intervalMethod()).isEqualTo("bca");
    assertThat(c.ci().contains(0.12)).isTrue();
    assertThat(c.mde()).isPositive();
    JsonNode json = c.toJson();
    for (String f : List.of("metric", "baseline", "candidate", "difference", "relative_difference", "ci",
        "confidence", "p_value", "test", "effect_size", "mde")) {
      assertThat(json.has(f)).as(f).isTrue();
    }
    assertThatThrownBy(() -> Tables.compare(OPTIONS.withTest(TestChoice.MCNEMAR),
        Tables.pair("f1", new double[] {0.5, 1}, new double[] {0.2, 1}), "f1"))
        .isInstanceOf(InputException.class).hasMessageContaining("needs 0/1 values");
  }

  @Test
  void continuousMetricsDefaultToPermutationAndOtherChoicesWork() {
    long seed = 7;
    Random rnd = new Random(seed);
    double[] b = new double[60];
    double[] c = new double[60];
    for (int i = 0; i < b.length; i++) {
      b[i] = rnd.nextDouble();
      c[i] = b[i] + 0.1 + 0.1 * rnd.nextGaussian();
    }
    Pairing pm = Tables.pair("f1", b, c);
    Comparison perm = Tables.compare(OPTIONS, pm, "f1");
    assertThat(perm.test()).as("seed " + seed).isEqualTo("paired-permutation-monte-carlo");
    assertThat(perm.pValue()).as("seed " + seed).isLessThan(0.01);
    Comparison t = Tables.compare(OPTIONS.withTest(TestChoice.T).withInterval(IntervalChoice.T), pm, "f1");
    assertThat(t.test()).isEqualTo("paired-t");
    assertThat(t.intervalMethod()).isEqualTo("t");
    assertThat(t.ci().lower()).as("seed " + seed).isCloseTo(perm.ci().lower(), within(0.02));
    Comparison w = Tables.compare(OPTIONS.withTest(TestChoice.WILCOXON).withInterval(IntervalChoice.PERCENTILE), pm,
        "f1");
    assertThat(w.test()).startsWith("wilcoxon");
    assertThat(w.intervalMethod()).isEqualTo("percentile");
  }

  @Test
  void identicalSidesGiveAPointInterval() {
    double[] v = {0.1, 0.4, 0.9};
    Comparison c = Tables.compare(OPTIONS, Tables.pair("f1", v, v), "f1");
    assertThat(c.ci().lower()).isZero();
    assertThat(c.ci().upper()).isZero();
    assertThat(c.pValue()).isEqualTo(1.0);
    assertThat(c.effectSize()).isNaN();
  }
}
