package dev.assay.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.assay.stats.bootstrap.Bootstrap;
import dev.assay.stats.bootstrap.CorpusStatistic;
import dev.assay.stats.bootstrap.KeyedRecords;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Corpus-level metrics are compared as corpus statistics, never as means of sentence scores. */
class CorpusComparisonTest {
  private static final CompareOptions OPTIONS = CompareOptions.defaults().withReplicates(2000);
  private static BleuRuns runs;
  private static Pairing pairing;

  @BeforeAll
  static void fixture() {
    runs = new BleuRuns(40, 16);
    pairing = Pairing.of(runs.baselineTable(), runs.candidateTable(), false);
    // The premise of every test here: the two aggregations disagree on the sign.
    double meanDiff = BleuRuns.sentenceMean(runs.candidate) - BleuRuns.sentenceMean(runs.baseline);
    double corpusDiff = BleuRuns.corpus(runs.candidate) - BleuRuns.corpus(runs.baseline);
    assertThat(meanDiff).as("sentence-mean difference").isLessThan(-20);
    assertThat(corpusDiff).as("corpus difference").isGreaterThan(20);
  }

  @Test
  void compareFollowsTheCorpusValueNotTheSentenceMean() {
    Comparison c = new MetricComparer(OPTIONS).compare(pairing, "bleu", Direction.HIGHER_IS_BETTER);
    assertThat(c.statistic()).isEqualTo(Comparison.CORPUS);
    assertThat(c.baseline()).as("the corpus BLEU 'assay score text' prints").isEqualTo(BleuRuns.corpus(runs.baseline));
    assertThat(c.candidate()).isEqualTo(BleuRuns.corpus(runs.candidate));
    assertThat(c.difference()).isPositive().isEqualTo(c.candidate() - c.baseline());
    assertThat(c.ci().lower()).as("the interval of the corpus difference excludes 0").isPositive();
    assertThat(c.ci().contains(c.difference())).isTrue();
    assertThat(c.intervalMethod()).isEqualTo("bca");
    assertThat(c.test()).isEqualTo("paired-randomization-monte-carlo");
    assertThat(c.pValue()).isLessThan(0.01);
    assertThat(c.effectSize()).as("d_z has no per-example differences to stand on").isNaN();
    assertThat(c.units()).isEqualTo(56);
    JsonNode json = c.toJson();
    assertThat(json.get("statistic").asText()).isEqualTo("corpus");
    assertThat(json.get("resampling").asText()).isEqualTo("example");

    // The same data compared as sentence means points the other way: the switch matters.
    Comparison mean = new MetricComparer(OPTIONS.withCorpus(CorpusMetrics.none()))
        .compare(pairing, "bleu", Direction.HIGHER_IS_BETTER);
    assertThat(mean.statistic()).isEqualTo(Comparison.MEAN);
    assertThat(mean.difference()).isNegative();
  }

  @Test
  void theIntervalIsTheCorpusBootstrapOfTheStatisticsVectors() {
    Comparison c = new MetricComparer(OPTIONS.withInterval(IntervalChoice.PERCENTILE))
        .compare(pairing, "bleu", Direction.HIGHER_IS_BETTER);
    // Independent reconstruction from the stored bleu#k keys and the scorer's own formula.
    int d = 0;
    while (runs.baseline.values().iterator().next().containsKey("bleu#" + d)) {
      d++;
    }
    List<String> ids = new ArrayList<>(runs.baseline.keySet());
    List<double[]> joined = new ArrayList<>();
    for (String id : ids) {
      double[] v = new double[2 * d];
      for (int j = 0; j < d; j++) {
        v[j] = runs.baseline.get(id).get("bleu#" + j);
        v[d + j] = runs.candidate.get(id).get("bleu#" + j);
      }
      joined.add(v);
    }
    CorpusStatistic side = OPTIONS.corpus().formula("bleu").orElseThrow();
    var expected = Bootstrap.defaults().withReplicates(2000).ofCorpus(KeyedRecords.of(ids, joined),
        CorpusStatistic.pairedDifference(side)).percentile(0.95);
    assertThat(c.ci()).isEqualTo(expected);
    assertThat(c.intervalMethod()).isEqualTo("percentile");
    assertThat(new MetricComparer(OPTIONS.withInterval(IntervalChoice.T))
        .compare(pairing, "bleu", Direction.HIGHER_IS_BETTER).intervalMethod())
        .isEqualTo("percentile (t undefined for a corpus statistic)");
  }

  @Test
  void gateRulesJudgeTheCorpusValue() {
    GateEvaluator e = new GateEvaluator(OPTIONS);
    double candidate = BleuRuns.corpus(runs.candidate);
    double candidateMean = BleuRuns.sentenceMean(runs.candidate);
    GateResult r = e.evaluate(Gate.of(0.95, Multiplicity.HOLM, List.of(
        Rule.superiority("bleu", Margin.ZERO),
        Rule.atLeast("bleu", candidateMean + 5),
        Rule.atMost("bleu", candidate + 40),
        Rule.noRegressions("bleu", "critical", 50))), pairing, id -> id.compareTo("s040") >= 0
            ? Map.of("critical", "yes") : Map.of(), null);
    RuleResult superiority = r.rules().get(0);
    assertThat(superiority.verdict()).as(superiority.reason()).isEqualTo(Verdict.PASS);
    assertThat(superiority.estimate()).isEqualTo(candidate - BleuRuns.corpus(runs.baseline));
    RuleResult atLeast = r.rules().get(1);
    assertThat(atLeast.estimate()).as("the candidate's corpus BLEU, not its mean sentence BLEU")
        .isEqualTo(candidate);
    assertThat(atLeast.verdict()).as(atLeast.reason()).isNotEqualTo(Verdict.FAIL);
    assertThat(r.rules().get(2).verdict()).as(r.rules().get(2).reason()).isEqualTo(Verdict.PASS);
    assertThat(r.rules().get(2).reason()).contains("the candidate's corpus value is at most");
    // no_regressions stays per example (sentence BLEU >= 50): the long examples are tagged critical
    // and the candidate copies them, so none regresses.
    RuleResult noReg = r.rules().get(3);
    assertThat(noReg.verdict()).as(noReg.reason()).isEqualTo(Verdict.PASS);
    assertThat(noReg.n()).isEqualTo(16);
    // Reversed roles: the short examples are critical, and the candidate garbles every one of them.
    GateResult reversed = e.evaluate(Gate.of(0.95, Multiplicity.HOLM, List.of(
        Rule.noRegressions("bleu", "critical", 50))), pairing,
        id -> id.compareTo("s040") < 0 ? Map.of("critical", "yes") : Map.of(), null);
    assertThat(reversed.rules().get(0).verdict()).isEqualTo(Verdict.FAIL);
    assertThat(reversed.rules().get(0).estimate()).isEqualTo(40);
  }

  @Test
  void scoreFilesCarryTheStatistics(@TempDir Path dir) throws IOException {
    Path b = dir.resolve("b.jsonl");
    Path c = dir.resolve("c.jsonl");
    Files.writeString(b, jsonl(runs.baseline));
    Files.writeString(c, jsonl(runs.candidate));
    Pairing p = Pairing.of(ScoreSources.readFile(b), ScoreSources.readFile(c), false);
    assertThat(p.commonMetrics()).containsExactly("bleu");
    Comparison cmp = new MetricComparer(OPTIONS).compare(p, "bleu", Direction.HIGHER_IS_BETTER);
    assertThat(cmp.statistic()).isEqualTo(Comparison.CORPUS);
    assertThat(cmp.baseline()).isEqualTo(BleuRuns.corpus(runs.baseline));
  }

  private static String jsonl(Map<String, Map<String, Double>> side) {
    StringBuilder sb = new StringBuilder();
    side.forEach((id, row) -> {
      ObjectNode o = Json.object().put("id", id);
      row.forEach(o::put);
      sb.append(o).append('\n');
    });
    return sb.toString();
  }

  @Test
  void statisticsMissingOnSomeExamplesAreAnInputError() {
    Map<String, Map<String, Double>> cand = new LinkedHashMap<>(runs.candidate);
    Map<String, Double> stripped = new LinkedHashMap<>(cand.get("s003"));
    stripped.keySet().removeIf(k -> k.startsWith("bleu#"));
    cand.put("s003", stripped);
    Pairing p = Pairing.of(runs.baselineTable(), new ScoreTable("cand", cand), false);
    assertThatThrownBy(() -> new MetricComparer(OPTIONS).compare(p, "bleu", Direction.HIGHER_IS_BETTER))
        .isInstanceOf(InputException.class).hasMessageContaining("1 of 56 paired examples lack the corpus statistics")
        .hasMessageContaining("s003");
  }

  @Test
  void sentenceScoresWithoutStatisticsAreComparedAsMeans() {
    Map<String, Map<String, Double>> b = new LinkedHashMap<>();
    Map<String, Map<String, Double>> c = new LinkedHashMap<>();
    runs.baseline.forEach((id, m) -> b.put(id, Map.of("bleu", m.get("bleu"))));
    runs.candidate.forEach((id, m) -> c.put(id, Map.of("bleu", m.get("bleu"))));
    Comparison mean = new MetricComparer(OPTIONS).compare(Pairing.of(new ScoreTable("b", b), new ScoreTable("c", c),
        false), "bleu", Direction.HIGHER_IS_BETTER);
    assertThat(mean.statistic()).isEqualTo(Comparison.MEAN);
    assertThat(mean.baseline()).isCloseTo(BleuRuns.sentenceMean(runs.baseline), within(1e-9));
  }

  @Test
  void chrfIsCorpusLevelAndExactMatchIsNot() {
    CorpusMetrics installed = OPTIONS.corpus();
    for (String m : Set.of("bleu", "bleu:tokenize=intl", "chrf", "chrf++", "chrf:beta=3")) {
      assertThat(installed.formula(m)).as(m).isPresent();
    }
    for (String m : Set.of("exact_match", "f1", "rougeL", "latency_ms", "no_such_metric")) {
      assertThat(installed.formula(m)).as(m).isEmpty();
    }
  }
}
