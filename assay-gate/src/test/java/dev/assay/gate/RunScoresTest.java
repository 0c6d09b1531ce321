package dev.assay.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.core.ExampleResult;
import dev.assay.core.InputException;
import dev.assay.core.RunRecord;
import dev.assay.core.Score;
import dev.assay.core.SystemSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The column-wise {@link RunScores} against a plain reference: per id (first-seen order) the list
 * of each scored result's map, with latency and cost added, as the side was once built.
 */
class RunScoresTest {
  private static final RunRecord RUN = RunRecord.started("run", "s", null, null, null,
      new SystemSpec("sys", "fake", null, 0), null, null, null, 2, 2, List.of("m0", "m1"), null, null, null, 0,
      Instant.EPOCH);

  @Test
  void everyQueryEqualsThePlainMapsOfRandomRuns() {
    for (long seed = 1; seed <= 200; seed++) {
      Random random = new Random(seed);
      List<ExampleResult> results = randomRun(random);
      Map<String, List<Map<String, Score>>> reference = reference(results);
      RunScores side = RunScores.of(RUN, results);
      String at = "seed " + seed;
      assertThat(side.ids()).as(at).containsExactlyElementsOf(reference.keySet());
      assertThat(side.size()).as(at).isEqualTo(reference.size());
      Set<String> metrics = new LinkedHashSet<>();
      reference.values().forEach(rows -> rows.forEach(r -> metrics.addAll(r.keySet())));
      assertThat(side.metrics()).as(at).containsExactlyElementsOf(metrics);
      List<String> asked = new ArrayList<>(metrics);
      asked.add("absent");
      for (String metric : asked) {
        List<Score> all = new ArrayList<>();
        List<String> withValue = new ArrayList<>();
        for (Map.Entry<String, List<Map<String, Score>>> e : reference.entrySet()) {
          List<Score> scores = new ArrayList<>();
          e.getValue().forEach(r -> {
            if (r.containsKey(metric)) {
              scores.add(r.get(metric));
            }
          });
          all.addAll(scores);
          Double mean = mean(scores);
          if (mean != null) {
            withValue.add(e.getKey());
          }
          assertThat(side.scores(e.getKey(), metric)).as(at + " " + e.getKey() + " " + metric).isEqualTo(scores);
          assertThat(side.value(e.getKey(), metric)).as(at + " " + e.getKey() + " " + metric).isEqualTo(mean);
        }
        assertThat(side.allScores(metric)).as(at + " " + metric).isEqualTo(all);
        assertThat(side.idsWithValue(metric)).as(at + " " + metric).isEqualTo(withValue);
        assertThat(side.hasStatistics(metric)).as(at + " " + metric)
            .isEqualTo(all.stream().anyMatch(s -> s.statisticCount() > 0 || !s.labels().isEmpty()));
      }
      assertThat(side.scores("nobody", "m0")).isEmpty();
      assertThat(side.value("nobody", "m0")).isNull();
      assertThat(side.ids().contains("nobody")).isFalse();
    }
  }

  @Test
  void pairingMatchesSortedSharedIds() {
    for (long seed = 1; seed <= 100; seed++) {
      Random random = new Random(seed);
      RunScores b = RunScores.of(RUN, randomRun(random));
      RunScores c = RunScores.of(RUN, randomRun(random));
      TreeSet<String> both = new TreeSet<>(b.ids());
      both.retainAll(c.ids());
      if (both.isEmpty()) {
        continue;
      }
      Pairing p = Pairing.of(b, c, true);
      assertThat(p.ids()).as("seed " + seed).containsExactlyElementsOf(both);
      for (String metric : p.commonMetrics()) {
        List<String> ids = new ArrayList<>();
        for (String id : both) {
          if (b.value(id, metric) != null && c.value(id, metric) != null) {
            ids.add(id);
          }
        }
        if (ids.isEmpty()) {
          assertThatThrownBy(() -> p.values(metric)).isInstanceOf(InputException.class);
          continue;
        }
        PairedMetric values = p.values(metric);
        assertThat(values.ids()).as("seed " + seed + " " + metric).isEqualTo(ids);
        for (int i = 0; i < ids.size(); i++) {
          assertThat(values.baseline()[i]).isEqualTo(b.value(ids.get(i), metric));
          assertThat(values.candidate()[i]).isEqualTo(c.value(ids.get(i), metric));
        }
      }
    }
  }

  @Test
  void aScoreBeyondTheRangeNamesTheExampleAndMetric() {
    List<ExampleResult> results = List.of(result("a", 0, Map.of("m0", Score.of(1)), 1.0, null, null),
        result("b", 0, Map.of("m0", Score.of(1e200)), 1.0, null, null));
    assertThatThrownBy(() -> RunScores.of(RUN, results)).isInstanceOf(InputException.class)
        .hasMessageContaining("example 'b'").extracting(e -> ((InputException) e).field()).isEqualTo("m0");
  }

  /** Up to 30 ids, each with 0-3 results in shuffled order (repeats apart), some failed, varied scores. */
  private static List<ExampleResult> randomRun(Random random) {
    int n = 1 + random.nextInt(30);
    List<ExampleResult> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = "e" + random.nextInt(40);
      int repeats = random.nextInt(4);
      for (int r = 0; r < repeats; r++) {
        Map<String, Score> scores = new LinkedHashMap<>();
        for (String m : random.nextBoolean() ? List.of("m0", "m1", "m2") : List.of("m2", "m0", RunScores.LATENCY)) {
          int kind = random.nextInt(6);
          if (kind == 0) {
            continue;
          }
          scores.put(m, kind == 1 ? Score.of(Double.NaN) : kind == 2 ? Score.of(random.nextInt(5), new double[] {1, 2})
              : Score.of(random.nextInt(3) / 2.0));
        }
        Double latency = random.nextInt(4) == 0 ? null : (double) random.nextInt(100);
        Double cost = random.nextInt(2) == 0 ? null : random.nextInt(3) == 0 ? Double.NaN : random.nextDouble();
        out.add(result(id, r, scores, latency, cost, random.nextInt(5) == 0 ? "failed" : null));
      }
    }
    java.util.Collections.shuffle(out, random);
    return out;
  }

  private static ExampleResult result(String id, int repeat, Map<String, Score> scores, Double latency, Double cost,
      String error) {
    return new ExampleResult(id, 0, repeat, null, error == null ? scores : Map.of(), latency, null, null, cost, error,
        1, false);
  }

  /** The side as it was built with maps: per id, first-seen order, each scored result's row. */
  private static Map<String, List<Map<String, Score>>> reference(List<ExampleResult> results) {
    Map<String, List<Map<String, Score>>> rows = new LinkedHashMap<>();
    for (ExampleResult r : results) {
      if (!r.ok()) {
        continue;
      }
      Map<String, Score> row = new LinkedHashMap<>(r.scores());
      if (r.latencyMs() != null && Double.isFinite(r.latencyMs()) && !r.scores().containsKey(RunScores.LATENCY)) {
        row.put(RunScores.LATENCY, Score.of(r.latencyMs()));
      }
      if (r.cost() != null && Double.isFinite(r.cost()) && !r.scores().containsKey(RunScores.COST)) {
        row.put(RunScores.COST, Score.of(r.cost()));
      }
      rows.computeIfAbsent(r.id(), k -> new ArrayList<>()).add(row);
    }
    return rows;
  }

  private static Double mean(List<Score> scores) {
    double sum = 0;
    int n = 0;
    for (Score s : scores) {
      if (s.hasValue()) {
        sum += s.value();
        n++;
      }
    }
    return n == 0 ? null : sum / n;
  }
}
