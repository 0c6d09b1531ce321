package dev.assay.bench;

import dev.assay.core.Example;
import dev.assay.core.Output;
import dev.assay.core.Plugins;
import dev.assay.core.Scorer;
import java.util.Map;
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

/** Per-example cost of the text scorers on a sentence-length answer. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class ScorerBenchmark {
  @Param({"exact_match", "f1", "contains", "bleu", "chrf", "rougeL"})
  String metric;

  Scorer scorer;
  Example example;
  Output output;

  @Setup
  public void setUp() {
    scorer = Plugins.installed().scorer(metric, dev.assay.testkit.Contexts.standalone());
    example = Example.of("q1", "Which spacecraft ended its mission by diving into Saturn?",
        "The Cassini spacecraft ended its mission by diving into Saturn's atmosphere in September 2017.");
    output = Output.text("Cassini ended its mission in 2017 by plunging into the atmosphere of Saturn.");
  }

  @Benchmark
  public Map<String, dev.assay.core.Score> score() throws InterruptedException {
    return scorer.score(example, output);
  }
}
