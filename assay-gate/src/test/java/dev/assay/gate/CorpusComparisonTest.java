package dev.assay.gate;

import dev.assay.core.CorpusMetric;
import dev.assay.core.MetricKind;
import dev.assay.core.Plugins;
import dev.assay.core.Score;
import dev.assay.core.Verdict;
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
    Comparison c = Tables.compare(OPTIONS, pairing, "bleu");
    assertThat(c.statistic()).isEqualTo("corpus");
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
    Pairing sentences = Pairing.of(Tables.table("b", BleuRuns.sentences(runs.baseline)),
        Tables.table("c", BleuRuns.sentences(runs.candidate)), false);
    Comparison mean = Tables.compare(OPTIONS, sentences, "bleu");
    assertThat(mean.statistic()).isEqualTo("mean");
    assertThat(mean.difference()).isNegative();
  }

  @Test
  void theIntervalIsTheCorpusBootstrapOfTheStatisticsVectors() {
    Comparison c = Tables.compare(OPTIONS.withInterval(IntervalChoice.PERCENTILE), pairing, "bleu");
    // Independent reconstruction from the stored statistics and the metric's own formula.
    int d = runs.baseline.values().iterator().next().get("bleu").statisticCount();
    List<String> ids = new ArrayList<>(runs.baseline.keySet());
    List<double[]> joined = new ArrayList<>();
    for (String id : ids) {
      double[] v = new double[2 * d];
      for (int j = 0; j < d; j++) {
        v[j] = runs.baseline.get(id).get("bleu").statistic(j);
        v[d + j] = runs.candidate.get(id).get("bleu").statistic(j);
      }
      joined.add(v);
    }
    CorpusStatistic side = ((CorpusMetric) Plugins.installed().describe("bleu").orElseThrow()).formula();
    var expected = Bootstrap.defaults().withReplicates(2000).ofCorpus(KeyedRecords.of(ids, joined),
        CorpusStatistic.pairedDifference(side)).percentile(0.95);
    assertThat(c.ci()).isEqualTo(expected);
    assertThat(c.intervalMethod()).isEqualTo("percentile");
    assertThat(Tables.compare(OPTIONS.withInterval(IntervalChoice.T), pairing, "bleu").intervalMethod())
        .isEqualTo("percentile (t undefined for a corpus statistic)");
  }

  @Test
  void gateRulesJudgeTheCorpusValue() {
    Tables.Evaluator e = Tables.evaluator(OPTIONS);
    double candidate = BleuRuns.corpus(runs.candidate);
    double candidateMean = BleuRuns.sentenceMean(runs.candidate);
    GateResult r = e.evaluate(Gate.of(0.95, Multiplicity.HOLM, List.of(
        Rule.superiority("bleu", Margin.ZERO),
        Rule.atLeast("bleu", candidateMean + 5),
        Rule.atMost("bleu", candidate + 40),
        Rule.noRegressions("bleu", "critical", 50))), pairing, id -> id.compareTo("s040") >= 0
            ? Map.of("critical", "yes") : Map.of(), null);
    RuleOutcome.IntervalOutcome superiority = (RuleOutcome.IntervalOutcome) r.rules().get(0);
    assertThat(superiority.verdict()).as(superiority.reason()).isEqualTo(Verdict.PASS);
    assertThat(superiority.estimate()).isEqualTo(candidate - BleuRuns.corpus(runs.baseline));
    RuleOutcome.IntervalOutcome atLeast = (RuleOutcome.IntervalOutcome) r.rules().get(1);
    assertThat(atLeast.estimate()).as("the candidate's corpus BLEU, not its mean sentence BLEU")
        .isEqualTo(candidate);
    assertThat(atLeast.verdict()).as(atLeast.reason()).isNotEqualTo(Verdict.FAIL);
    assertThat(r.rules().get(2).verdict()).as(r.rules().get(2).reason()).isEqualTo(Verdict.PASS);
    assertThat(r.rules().get(2).reason()).contains("the candidate's corpus value is at most");
    // no_regressions stays per example (sentence BLEU >= 50): the long examples are tagged critical
    // and the candidate copies them, so none regresses.
    RuleOutcome noReg = r.rules().get(3);
    assertThat(noReg.verdict()).as(noReg.reason()).isEqualTo(Verdict.PASS);
    assertThat(noReg.n()).isEqualTo(16);
    // Reversed roles: the short examples are critical, and the candidate garbles every one of them.
    GateResult reversed = e.evaluate(Gate.of(0.95, Multiplicity.HOLM, List.of(
        Rule.noRegressions("bleu", "critical", 50))), pairing,
        id -> id.compareTo("s040") < 0 ? Map.of("critical", "yes") : Map.of(), null);
    assertThat(reversed.rules().get(0).verdict()).isEqualTo(Verdict.FAIL);
    assertThat(((RuleOutcome.RegressionOutcome) reversed.rules().get(0)).regressed()).hasSize(40);
  }

  @Test
  void scoreFilesCarryTheStatistics(@TempDir Path dir) throws IOException {
    Path b = dir.resolve("b.jsonl");
    Path c = dir.resolve("c.jsonl");
    Files.writeString(b, jsonl(runs.baseline));
    Files.writeString(c, jsonl(runs.candidate));
    Pairing p = Pairing.of(Sides.readFile(b).scores(), Sides.readFile(c).scores(), false);
    assertThat(p.commonMetrics()).containsExactly("bleu");
    Comparison cmp = Tables.compare(OPTIONS, p, "bleu");
    assertThat(cmp.statistic()).isEqualTo("corpus");
    assertThat(cmp.baseline()).isEqualTo(BleuRuns.corpus(runs.baseline));
  }

  /** A score file with typed scores, as a run export or a score command writes them. */
  private static String jsonl(Map<String, Map<String, Score>> side) {
    StringBuilder sb = new StringBuilder();
    side.forEach((id, row) -> {
      ObjectNode o = Json.object().put("id", id);
      row.forEach((k, v) -> o.set(k, Json.RECORDS.valueToTree(v)));
      sb.append(o).append('\n');
    });
    return sb.toString();
  }

  @Test
  void statisticsMissingOnSomeExamplesAreAnInputError() {
    Map<String, Map<String, Score>> cand = new LinkedHashMap<>(runs.candidate);
    cand.put("s003", Map.of("bleu", Score.of(cand.get("s003").get("bleu").value())));
    Pairing p = Pairing.of(runs.baselineTable(), Tables.typed("cand", cand), false);
    assertThatThrownBy(() -> Tables.compare(OPTIONS, p, "bleu"))
        .isInstanceOf(InputException.class).hasMessageContaining("metric 'bleu': some examples carry its statistics");
  }

  @Test
  void sentenceScoresWithoutStatisticsAreComparedAsMeans() {
    Comparison mean = Tables.compare(OPTIONS, Pairing.of(Tables.table("b", BleuRuns.sentences(runs.baseline)),
        Tables.table("c", BleuRuns.sentences(runs.candidate)), false), "bleu");
    assertThat(mean.statistic()).isEqualTo("mean");
    assertThat(mean.baseline()).isCloseTo(BleuRuns.sentenceMean(runs.baseline), within(1e-9));
  }

  @Test
  void chrfIsCorpusLevelAndExactMatchIsNot() {
    for (String m : Set.of("bleu", "bleu:tokenize=intl", "chrf", "chrf++", "chrf:beta=3")) {
      assertThat(Plugins.installed().describe(m).orElseThrow().kind()).as(m).isEqualTo(MetricKind.CORPUS);
    }
    for (String m : Set.of("exact_match", "f1", "rougeL")) {
      assertThat(Plugins.installed().describe(m).orElseThrow().kind()).as(m).isEqualTo(MetricKind.MEAN);
    }
    assertThat(Plugins.installed().describe("no_such_metric")).isEmpty();
  }
}
