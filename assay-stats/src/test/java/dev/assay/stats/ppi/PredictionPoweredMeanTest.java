package dev.assay.stats.ppi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.assay.stats.ConfidenceInterval;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The estimators against values worked out by hand and against a reference written from the
 * papers' equations in exact decimal arithmetic (PPI++ in its second form, θ̂ = ȳ + λ(mean(f̃) -
 * mean(f)), with the variance written out term by term).
 */
class PredictionPoweredMeanTest {
  @Test
  void ppiOfATinyCaseByHand() {
    double[] y = {1, 0, 1};
    double[] f = {1, 1, 1};
    double[] fu = {1, 0, 1, 1};
    MeanEstimate e = PredictionPoweredMean.ppi(y, f, fu);
    // mean(f̃) = 3/4, mean(f - y) = 1/3: θ̂ = 5/12.
    assertThat(e.estimate()).isCloseTo(5.0 / 12, within(1e-15));
    // s²(f̃) = 0.75/3 = 1/4, s²(f - y) = (2/3)/2 = 1/3: se² = (1/4)/4 + (1/3)/3 = 25/144.
    assertThat(e.standardError()).isCloseTo(5.0 / 12, within(1e-15));
    assertThat(e.lambda()).isEqualTo(1.0);
    ConfidenceInterval ci = e.interval(0.95);
    assertThat(ci.lower()).isCloseTo(5.0 / 12 - 1.959963984540054 * 5.0 / 12, within(1e-12));
  }

  @Test
  void humanOnlyAndJudgeOnlyByHand() {
    MeanEstimate h = PredictionPoweredMean.humanOnly(new double[] {1, 0, 1, 0});
    assertThat(h.estimate()).isEqualTo(0.5);
    assertThat(h.standardError()).isCloseTo(Math.sqrt((1.0 / 3) / 4), within(1e-15));
    MeanEstimate j = PredictionPoweredMean.judgeOnly(new double[] {1, 1}, new double[] {0, 1});
    assertThat(j.estimate()).isEqualTo(0.75);
    assertThat(j.standardError()).isCloseTo(Math.sqrt(0.25 / 4), within(1e-15));
    assertThat(j.labelled()).isEqualTo(2);
    assertThat(j.unlabelled()).isEqualTo(2);
  }

  @Test
  void ppiPlusPlusMatchesTheReferenceOnFixedInputs() {
    long seed = 7L;
    System.out.println("PredictionPoweredMeanTest seed " + seed);
    SplittableRandom r = new SplittableRandom(seed);
    for (int trial = 0; trial < 20; trial++) {
      int n = 5 + r.nextInt(40);
      int bigN = 5 + r.nextInt(400);
      double[] y = new double[n];
      double[] f = new double[n];
      double[] fu = new double[bigN];
      for (int i = 0; i < n; i++) {
        y[i] = r.nextInt(5);
        f[i] = r.nextDouble() < 0.7 ? y[i] : r.nextInt(5);
      }
      for (int j = 0; j < bigN; j++) {
        fu[j] = r.nextInt(5);
      }
      Reference ref = Reference.of(y, f, fu);
      MeanEstimate tuned = PredictionPoweredMean.ppiPlusPlus(y, f, fu);
      assertThat(tuned.lambda()).as("trial %d", trial).isCloseTo(ref.lambda, within(1e-12));
      assertThat(tuned.estimate()).isCloseTo(ref.estimate(ref.lambda), within(1e-12));
      assertThat(tuned.standardError()).isCloseTo(ref.se(ref.lambda), within(1e-12));
      MeanEstimate plain = PredictionPoweredMean.ppi(y, f, fu);
      assertThat(plain.estimate()).isCloseTo(ref.estimate(1), within(1e-12));
      assertThat(plain.standardError()).isCloseTo(ref.se(1), within(1e-12));
    }
  }

  /** The equations of the PPI++ paper for the mean, in BigDecimal. */
  private record Reference(BigDecimal[] y, BigDecimal[] f, BigDecimal[] fu, double lambda) {
    static final MathContext MC = MathContext.DECIMAL128;

    static Reference of(double[] y, double[] f, double[] fu) {
      BigDecimal[] by = big(y);
      BigDecimal[] bf = big(f);
      BigDecimal[] bu = big(fu);
      BigDecimal[] all = new BigDecimal[bf.length + bu.length];
      System.arraycopy(bf, 0, all, 0, bf.length);
      System.arraycopy(bu, 0, all, bf.length, bu.length);
      BigDecimal cov = cov(by, bf);
      BigDecimal var = cov(all, all);
      double lambda;
      if (var.signum() == 0) {
        lambda = 0;
      } else {
        BigDecimal ratio = BigDecimal.ONE.add(BigDecimal.valueOf(y.length).divide(BigDecimal.valueOf(fu.length), MC));
        lambda = cov.divide(ratio.multiply(var, MC), MC).doubleValue();
        lambda = Math.max(0, Math.min(1, lambda));
      }
      return new Reference(by, bf, bu, lambda);
    }

    /** θ̂ = ȳ + λ(mean(f̃) - mean(f)). */
    double estimate(double lambda) {
      BigDecimal l = new BigDecimal(lambda);
      return mean(y).add(l.multiply(mean(fu).subtract(mean(f)), MC), MC).doubleValue();
    }

    /** se² = λ²Var(f̃)/N + (Var(y) - 2λCov(y, f) + λ²Var(f))/n, each on its own sample. */
    double se(double lambda) {
      BigDecimal l = new BigDecimal(lambda);
      BigDecimal n = BigDecimal.valueOf(y.length);
      BigDecimal bigN = BigDecimal.valueOf(fu.length);
      BigDecimal unlabelled = l.multiply(l).multiply(cov(fu, fu)).divide(bigN, MC);
      BigDecimal labelled = cov(y, y).subtract(BigDecimal.valueOf(2).multiply(l).multiply(cov(y, f)))
          .add(l.multiply(l).multiply(cov(f, f))).divide(n, MC);
      return Math.sqrt(unlabelled.add(labelled).doubleValue());
    }

    static BigDecimal[] big(double[] a) {
      BigDecimal[] b = new BigDecimal[a.length];
      for (int i = 0; i < a.length; i++) {
        b[i] = new BigDecimal(a[i]);
      }
      return b;
    }

    static BigDecimal mean(BigDecimal[] a) {
      BigDecimal s = BigDecimal.ZERO;
      for (BigDecimal v : a) {
        s = s.add(v);
      }
      return s.divide(BigDecimal.valueOf(a.length), MC);
    }

    static BigDecimal cov(BigDecimal[] a, BigDecimal[] b) {
      BigDecimal ma = mean(a);
      BigDecimal mb = mean(b);
      BigDecimal s = BigDecimal.ZERO;
      for (int i = 0; i < a.length; i++) {
        s = s.add(a[i].subtract(ma).multiply(b[i].subtract(mb)));
      }
      return s.divide(BigDecimal.valueOf(a.length - 1), MC);
    }
  }

  @Test
  void aUselessJudgeGetsNoWeightAndAPerfectOneAlmostAll() {
    double[] y = {0, 1, 0, 1, 1, 0};
    double[] constant = {1, 1, 1, 1, 1, 1};
    assertThat(PredictionPoweredMean.tunedLambda(y, constant, new double[] {1, 1, 1})).isZero();
    double[] perfect = y.clone();
    double[] fu = {0, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0};
    double lambda = PredictionPoweredMean.tunedLambda(y, perfect, fu);
    // Cov(y, f) = Var(y) on the labelled; the pooled Var(f) and 1 + n/N = 1.5 shrink it below 1.
    assertThat(lambda).isGreaterThan(0.5).isLessThan(1);
  }

  @Test
  void inputsThatCannotBeEstimatedAreRefused() {
    assertThatThrownBy(() -> PredictionPoweredMean.ppi(new double[] {1}, new double[] {1, 0}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 labels, 2 scores");
    assertThatThrownBy(() -> PredictionPoweredMean.ppi(new double[] {1}, new double[] {1}, new double[0]))
        .hasMessageContaining("0 unlabelled");
    assertThatThrownBy(() -> PredictionPoweredMean.withLambda("x", new double[] {1, 0}, new double[] {1, 0},
        new double[] {1, 1}, 1.5)).hasMessageContaining("[0, 1]");
  }
}
