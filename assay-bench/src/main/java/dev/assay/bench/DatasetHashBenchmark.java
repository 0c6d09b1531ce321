package dev.assay.bench;

import dev.assay.core.Example;
import dev.assay.core.Json;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Canonical JSON plus sha256 of one example: the per-example cost of dataset hashing and cache keys. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class DatasetHashBenchmark {
  Example example;

  @Setup
  public void setUp() {
    Example e = Example.of("q1", "Which spacecraft ended its mission by diving into Saturn in 2017?", "Cassini");
    example = new Example(e.id(), e.input(), e.reference(), Map.of("topic", "missions", "difficulty", "hard"), null, 1);
  }

  @Benchmark
  public String canonicalHash() {
    return Json.hash(example.canonicalContent());
  }
}
