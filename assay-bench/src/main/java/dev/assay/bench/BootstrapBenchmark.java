package dev.assay.bench;

import dev.assay.stats.bootstrap.Bootstrap;
import dev.assay.stats.bootstrap.BootstrapDistribution;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Paired bootstrap of a mean difference of 0/1 outcomes (accuracy 0.70 vs 0.73) with its BCa
 * interval: B = 10,000, all cores. At n = 1,000,000 one invocation takes seconds, so each
 * iteration is a single invocation; {@code -p n=1000000 -wi 1 -i 3} measures only that size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class BootstrapBenchmark {
  @Param({"1000", "10000", "1000000"})
  int n;

  List<String> ids;
  double[] baseline;
  double[] candidate;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(42);
    ids = new ArrayList<>(n);
    baseline = new double[n];
    candidate = new double[n];
    for (int i = 0; i < n; i++) {
      ids.add("ex-" + i);
      baseline[i] = random.nextDouble() < 0.70 ? 1 : 0;
      candidate[i] = random.nextDouble() < 0.73 ? 1 : 0;
    }
  }

  @Benchmark
  public double pairedBcaInterval() {
    BootstrapDistribution d = Bootstrap.defaults().pairedMeanDifference(ids, baseline, candidate, null);
    return d.bca(0.95).lower();
  }
}
