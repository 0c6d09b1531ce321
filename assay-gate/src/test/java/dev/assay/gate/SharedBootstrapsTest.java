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
 * A comparison's mean metrics bootstrapped together ({@link SharedBootstraps}) must give every
 * metric exactly the comparison it gets alone: the same interval (bit for bit), method, p-value,
 * standard error and JSON.
 */
class SharedBootstrapsTest {
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
    System.out.println("SharedBootstrapsTest seed " + seed);
    CompareOptions o = CompareOptions.defaults().withReplicates(1_000).withSeed(seed);
    Pairing p = pairing(seed, 3_000);
    List<Metric> metrics = new ArrayList<>();
    for (String name : METRICS) {
      metrics.add(Tables.resolver(o).resolve(name, p.baseline(), p.candidate()));
    }
    SharedBootstraps shared = SharedBootstraps.of(p, metrics, o);
    for (String name : List.of("exact_match", "f1", "latency_ms")) {
      assertThat(shared.of(p.values(name))).as("%s is bootstrapped with the others", name).isNotNull();
    }
    assertThat(shared.of(p.values("contains"))).as("no variation: nothing to bootstrap").isNull();
    MetricComparer comparer = new MetricComparer(o);
    for (Metric metric : metrics) {
      Comparison together = comparer.compare(p, metric, shared);
      Comparison alone = Tables.compare(o, p, metric.name());
      assertThat(bits(together.ci().lower())).as(metric.name()).isEqualTo(bits(alone.ci().lower()));
      assertThat(bits(together.ci().upper())).as(metric.name()).isEqualTo(bits(alone.ci().upper()));
      assertThat(together.intervalMethod()).isEqualTo(alone.intervalMethod());
      assertThat(bits(together.intervals().standardError())).isEqualTo(bits(alone.intervals().standardError()));
      assertThat(together.toJson()).isEqualTo(alone.toJson());
    }
  }

  @Test
  void clustersAndTIntervalsAreNotShared() {
    CompareOptions o = CompareOptions.defaults().withReplicates(200);
    Pairing p = pairing(3, 200);
    List<Metric> metrics = new ArrayList<>();
    for (String name : METRICS) {
      metrics.add(Tables.resolver(o).resolve(name, p.baseline(), p.candidate()));
    }
    assertThat(SharedBootstraps.of(p, metrics, o.withInterval(IntervalChoice.T))).isSameAs(SharedBootstraps.NONE);
    assertThat(SharedBootstraps.of(p, metrics.subList(0, 1), o)).isSameAs(SharedBootstraps.NONE);
  }

  private static long bits(double x) {
    return Double.doubleToRawLongBits(x);
  }
}
