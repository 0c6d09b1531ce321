package dev.assay.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Type-7 percentiles against numpy 2.4.6: literals printed by
 * assay-metrics/src/test/python/efficiency_numpy_reference.py with {@code np.percentile(lat, q)}.
 */
class PercentilesTest {
  static double[] latencies() {
    double[] lat = new double[1003];
    for (int i = 0; i < lat.length; i++) {
      lat[i] = ((i * 7919L) % 1000) / 7.0 + 3;
    }
    Arrays.sort(lat);
    return lat;
  }

  @Test
  void matchesNumpyBitForBit() {
    double[] lat = latencies();
    assertThat(Percentiles.percentile(lat, 50)).isEqualTo(74.42857142857143);
    assertThat(Percentiles.percentile(lat, 90)).isEqualTo(131.54285714285717);
    assertThat(Percentiles.percentile(lat, 95)).isEqualTo(138.55714285714285);
    assertThat(Percentiles.percentile(lat, 99)).isEqualTo(144.28285714285713);
    assertThat(Percentiles.percentile(lat, 99.9)).isEqualTo(145.5711428571429);
    assertThat(Percentiles.percentile(lat, 33.3)).isEqualTo(50.52371428571428);
    assertThat(Percentiles.percentile(lat, 0)).isEqualTo(3.0);
    assertThat(Percentiles.percentile(lat, 100)).isEqualTo(145.71428571428572);
    // np.percentile([1, 2, 3, 4], 95) and np.percentile([0.1, 0.7, 0.2], 90)
    assertThat(Percentiles.percentile(new double[] {1, 2, 3, 4}, 95)).isEqualTo(3.8499999999999996);
    assertThat(Percentiles.percentile(new double[] {0.1, 0.2, 0.7}, 90)).isEqualTo(0.6);
  }

  @Test
  void multiplicitiesMatchNumpyOnTheRepeatedArray() {
    // np.quantile(np.repeat(lat, w), q) with w = (i*7) % 4 in the original (unsorted) order.
    double[] raw = new double[1003];
    double[] w = new double[1003];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = ((i * 7919L) % 1000) / 7.0 + 3;
      w[i] = (i * 7) % 4;
    }
    Integer[] order = new Integer[raw.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (a, b) -> Double.compare(raw[a], raw[b]));
    double[] sorted = new double[raw.length];
    double[] m = new double[raw.length];
    for (int i = 0; i < raw.length; i++) {
      sorted[i] = raw[order[i]];
      m[i] = w[order[i]];
    }
    assertThat(Percentiles.linear(sorted, m, 0.5)).isEqualTo(74.71428571428571);
    assertThat(Percentiles.linear(sorted, m, 0.95)).isEqualTo(138.71428571428572);
    assertThat(Percentiles.linear(sorted, m, 0.1)).isEqualTo(17.485714285714288);
  }

  @Property(tries = 200)
  void monotoneAndWithinRange(@ForAll long seed, @ForAll @IntRange(min = 1, max = 50) int n,
      @ForAll @DoubleRange(min = 0, max = 1) double q1, @ForAll @DoubleRange(min = 0, max = 1) double q2) {
    Random r = new Random(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = r.nextInt(5) * 1.5 + r.nextDouble();
    }
    Arrays.sort(x);
    double lo = Percentiles.linear(x, Math.min(q1, q2));
    double hi = Percentiles.linear(x, Math.max(q1, q2));
    assertThat(lo).as("seed %d", seed).isLessThanOrEqualTo(hi).isGreaterThanOrEqualTo(x[0]);
    assertThat(hi).as("seed %d", seed).isLessThanOrEqualTo(x[n - 1]);
  }

  @Test
  void edgeCases() {
    assertThat(Percentiles.linear(new double[0], 0.5)).isNaN();
    assertThat(Percentiles.linear(new double[] {7}, 0.99)).isEqualTo(7);
    assertThatThrownBy(() -> Percentiles.linear(new double[] {1}, 1.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Percentiles.linear(new double[] {1}, new double[] {0.5}, 0.5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
