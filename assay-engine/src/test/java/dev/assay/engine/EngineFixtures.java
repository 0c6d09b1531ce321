package dev.assay.engine;

import dev.assay.core.Counts;
import dev.assay.core.Dataset;
import dev.assay.core.Example;
import dev.assay.core.ExampleResult;
import dev.assay.core.Json;
import dev.assay.core.Lineage;
import dev.assay.core.MeanMetric;
import dev.assay.core.Metric;
import dev.assay.core.Output;
import dev.assay.core.Score;
import dev.assay.core.ResponseCache;
import dev.assay.core.RunIds;
import dev.assay.core.RunRecord;
import dev.assay.core.RunStatus;
import dev.assay.core.Scorer;
import dev.assay.core.SystemSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Small datasets, a scorer and a cache for engine tests. */
final class EngineFixtures {
  private EngineFixtures() {}

  /** {@code n} examples {@code ex-i} whose input is "answer i" and reference "ANSWER i". */
  static Dataset dataset(int n) {
    List<Example> examples = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      examples.add(Example.of("ex-" + i, "answer " + i, i % 3 == 0 ? "something else" : "ANSWER " + i));
    }
    return new Dataset("memory", examples, "hash-" + n);
  }

  static RunRecord header(Dataset d, int repeats) {
    return header(d, repeats, null);
  }

  /** A header whose system depends on content hashing to {@code contentHash} (null: none). */
  static RunRecord header(Dataset d, int repeats, String contentHash) {
    return RunRecord.started(RunIds.next(), "test-suite", "/tmp/suite.yaml", "suitehash", Json.object(),
        new SystemSpec("fake", "fake", null, 0), contentHash, d.source(), d.hash(), d.size(), repeats,
        List.of("upper_match"), null, null, new Lineage("test", null, null, "jvm", "os"), 0,
        Instant.parse("2026-01-01T00:00:00Z"));
  }

  static RunSettings settings(int concurrency) {
    return new RunSettings(concurrency, Duration.ofSeconds(30), 2, null, 0, 1, false, Duration.ofMillis(1),
        Duration.ofMillis(4), Duration.ofMillis(20));
  }

  /** 1 when the output equals the reference ignoring case, else 0. */
  static final Scorer UPPER_MATCH = new Scorer() {
    @Override
    public List<Metric> metrics() {
      return List.of(MeanMetric.unit("upper_match"));
    }

    @Override
    public Map<String, Score> score(Example example, Output output) {
      String ref = example.reference() == null ? "" : example.reference().asText();
      return Map.of("upper_match", Score.of(output.text().equalsIgnoreCase(ref) ? 1.0 : 0.0));
    }
  };

  /** What must be identical between two runs of a deterministic system: not latency. */
  record Essence(String id, int repeat, String output, Map<String, Score> scores, String error) {
    static Essence of(ExampleResult r) {
      return new Essence(r.id(), r.repeat(), r.output() == null ? null : r.output().toString(), r.scores(), r.error());
    }
  }

  static List<Essence> essence(List<ExampleResult> results) {
    return results.stream().map(Essence::of).toList();
  }

  static final class MapCache implements ResponseCache {
    final Map<String, Output> map = new ConcurrentHashMap<>();

    @Override
    public Optional<Output> get(String key) {
      return Optional.ofNullable(map.get(key));
    }

    @Override
    public void put(String key, Output output) {
      map.put(key, output);
    }
  }
}
