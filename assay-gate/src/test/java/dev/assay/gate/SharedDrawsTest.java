package dev.assay.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.Metric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A comparison's mean metrics bootstrapped and tested together ({@link SharedDraws}) must give every
 * metric exactly the comparison it gets alone: the same interval (bit for bit), method, test, p-value,
 * standard error and JSON.
 */
class SharedDrawsTest {
  private static final List<String> METRICS = List.of("exact_match", "f1", "latency_ms", "contains");

  private static Pairing pairing(long seed, int n) {
    Random random = new Random(seed);
    Map<String, Map<String, Double>> base = new LinkedHashMap<>();
    Map<String, Map<String, Double>> cand = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      double em = random.nextInt(2);
      double f1 = random.nextInt(4) / 3.0;
      double ms = 100 + random.nextInt(900);
      // "contains" is 1 on both sides everywhere: no variation, a point interval, never shared.
      base.put("q" + (n - i), Map.of("exact_match", em, "f1", f1, "latency_ms", ms, "contains", 1.0));
      cand.put("q" + (n - i), Map.of("exact_match", random.nextDouble() < 0.2 ? 1 - em : em,
          "f1", random.nextDouble() < 0.3 ? random.nextInt(4) / 3.0 : f1, "latency_ms", ms - 30 + random.nextInt(50),
          "contains", 1.0));
    }
    return Pairing.of(Tables.table("base", base), Tables.table("cand", cand), false);
  }

  @Test
  void everyMetricComparesExactlyAsAlone() {
    long seed = 20261207;
    System.out.println("SharedDrawsTest seed " + seed);
    CompareOptions o = CompareOptions.defaults().withReplicates(1_000).withSeed(seed);
    Pairing p = pairing(seed, 3_000);
    List<Metric> metrics = new ArrayList<>();
    for (String name : METRICS) {
      metrics.add(Tables.resolver(o).resolve(name, p.baseline(), p.candidate()));
    }
    SharedDraws shared = SharedDraws.of(p, metrics, o);
    for (String name : List.of("exact_match", "f1", "latency_ms")) {
      assertThat(shared.bootstrap(p.values(name))).as("%s is bootstrapped with the others", name).isNotNull();
    }
    assertThat(shared.bootstrap(p.values("contains"))).as("no variation: nothing to bootstrap").isNull();
    for (String name : List.of("f1", "latency_ms")) {
      assertThat(shared.permutationTest(p.values(name))).as("%s is tested with the others", name).isNotNull();
    }
    assertThat(shared.permutationTest(p.values("exact_match"))).as("0/1 values: McNemar, alone").isNull();
    MetricComparer comparer = new MetricComparer(o);
    for (Metric metric : metrics) {
      Comparison together = comparer.compare(p, metric, shared);
      Comparison alone = Tables.compare(o, p, metric.name());
      assertThat(bits(together.ci().lower())).as(metric.name()).isEqualTo(bits(alone.ci().lower()));
      assertThat(bits(together.ci().upper())).as(metric.name()).isEqualTo(bits(alone.ci().upper()));
      assertThat(together.intervalMethod()).isEqualTo(alone.intervalMethod());
      assertThat(bits(together.intervals().standardError())).isEqualTo(bits(alone.intervals().standardError()));
      assertThat(together.test()).isEqualTo(alone.test());
      assertThat(bits(together.pValue())).as(metric.name()).isEqualTo(bits(alone.pValue()));
      assertThat(together.toJson()).isEqualTo(alone.toJson());
    }
  }

  @Test
  void tIntervalsAndSingleMetricsDrawAlone() {
    CompareOptions o = CompareOptions.defaults().withReplicates(200);
    Pairing p = pairing(3, 200);
    List<Metric> metrics = new ArrayList<>();
    for (String name : METRICS) {
      metrics.add(Tables.resolver(o).resolve(name, p.baseline(), p.candidate()));
    }
    SharedDraws t = SharedDraws.of(p, metrics, o.withInterval(IntervalChoice.T));
    assertThat(t.bootstrap(p.values("f1"))).as("a t interval has no bootstrap").isNull();
    assertThat(t.permutationTest(p.values("f1"))).as("the tests are still shared").isNotNull();
    assertThat(SharedDraws.of(p, metrics.subList(1, 2), o)).isSameAs(SharedDraws.NONE);
  }

  private static long bits(double x) {
    return Double.doubleToRawLongBits(x);
  }
}
