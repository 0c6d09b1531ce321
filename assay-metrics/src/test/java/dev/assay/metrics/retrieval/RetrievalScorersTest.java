package dev.assay.metrics.retrieval;

import dev.assay.testkit.Scoring;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Example;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.Output;
import dev.assay.core.Score;
import dev.assay.core.Scorer;
import dev.assay.core.ScorerProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class RetrievalScorersTest {
  private static final RetrievalScorers PROVIDER = new RetrievalScorers();

  private static Example example(String id, String judgments) throws Exception {
    return new Example(id, Json.MAPPER.getNodeFactory().textNode("query " + id), Json.MAPPER.readTree(judgments),
        Map.of(), null, 7);
  }

  private static Output output(String json) throws Exception {
    return new Output(Json.MAPPER.readTree(json), null, null, null, null);
  }

  private static Scorer scorer(String spec) {
    return Scoring.create(PROVIDER, spec).orElseThrow();
  }

  @Test
  void providerIsRegisteredForServiceLoader() {
    assertThat(ServiceLoader.load(ScorerProvider.class).stream().map(ServiceLoader.Provider::type))
        .contains(RetrievalScorers.class);
    assertThat(PROVIDER.names()).contains("map", "ndcg_cut_10", "P_5", "recip_rank", "ndcg@10");
    assertThat(Scoring.create(PROVIDER, "bleu")).isEmpty();
  }

  @Test
  void anotherFamilysMetricIsLeftAloneWhateverItsParameters() {
    RetrievalScorers provider = new RetrievalScorers();
    assertThat(Scoring.create(provider, "judge:base_url=http://127.0.0.1:8000/v1:model=m:rubric=r.txt")).isEmpty();
    assertThat(Scoring.create(provider, "bleu:tokenize=intl")).isEmpty();
    assertThat(Scoring.create(provider, "recall_macro")).as("a cutoff is a number: classification's name").isEmpty();
    assertThat(Scoring.create(provider, "f1_weighted")).isEmpty();
    assertThatThrownBy(() -> Scoring.create(provider, "recall_1O")).isInstanceOf(InputException.class)
        .hasMessageContaining("bad cutoff '1o' in metric 'recall_1O'");
    assertThatThrownBy(() -> Scoring.create(provider, "ndcg_cut_10:level=x:oops"))
        .as("our own metric with a malformed parameter is still an input error")
        .isInstanceOf(InputException.class).hasMessageContaining("oops");
  }

  @Test
  void outputShapesGiveTheSameRanking() throws Exception {
    Example ex = example("e1", "{\"a\": 1, \"b\": 0, \"c\": 2}");
    Scorer s = scorer("ndcg@10");
    double fromList = Scoring.values(s, ex, output("[\"b\", \"c\", \"x\", \"a\"]")).get("ndcg_cut_10");
    double fromScores = Scoring.values(s, ex, output(
        "[{\"docid\": \"a\", \"score\": 0.1}, {\"docid\": \"b\", \"score\": 9}, {\"docid\": \"c\", \"score\": 5},"
            + " {\"docid\": \"x\", \"score\": 1}]")).get("ndcg_cut_10");
    double fromText = Scoring.values(s, ex, Output.text("b c\nx, a")).get("ndcg_cut_10");
    double fromJsonText = Scoring.values(s, ex, Output.text("[\"b\",\"c\",\"x\",\"a\",\"b\"]")).get("ndcg_cut_10");
    double log2 = Math.log(2);
    double expected = (2 / (Math.log(3) / log2) + 1 / (Math.log(5) / log2)) / (2 + 1 / (Math.log(3) / log2));
    assertThat(fromList).isCloseTo(expected, within(1e-12));
    assertThat(fromScores).isEqualTo(fromList);
    assertThat(fromText).isEqualTo(fromList);
    assertThat(fromJsonText).as("a repeated document counts once").isEqualTo(fromList);
    assertThat(Scoring.values(s, ex, output("[]")).get("ndcg_cut_10")).isZero();
  }

  @Test
  void badReferencesAndOutputsAreInputErrors() throws Exception {
    Scorer s = scorer("map");
    assertThatThrownBy(() -> Scoring.values(s, example("e", "\"d1\""), output("[\"d1\"]")))
        .isInstanceOfSatisfying(InputException.class, e -> {
          assertThat(e.field()).isEqualTo("reference");
          assertThat(e.line()).isEqualTo(7);
        });
    assertThatThrownBy(() -> Scoring.values(s, example("e", "{\"d1\": 1.5}"), output("[\"d1\"]")))
        .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.field()).isEqualTo("reference.d1"));
    assertThatThrownBy(() -> Scoring.values(s, example("e", "{\"d1\": 1}"), output("{\"d1\": 3}")))
        .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.field()).isEqualTo("output"));
    assertThatThrownBy(() -> Scoring.values(s, example("e", "{\"d1\": 1}"), output("[{\"docid\": \"d1\", \"score\": 1}, {\"docid\": \"d2\"}]")))
        .isInstanceOf(InputException.class);
    assertThatThrownBy(() -> Scoring.create(PROVIDER, "runid")).isInstanceOf(InputException.class);
    assertThatThrownBy(() -> Scoring.create(PROVIDER, "map:foo=1")).isInstanceOf(InputException.class);
  }

  /** Scoring each fixture topic as an example reproduces the per-query values and aggregates of trec_eval. */
  @Test
  void perExampleScoresEqualPerQueryEvaluation() throws Exception {
    Qrels qrels = Qrels.read(Fixtures.file("qrels.test"));
    Run run = Run.read(Fixtures.file("results.test"));
    List<String> specs = List.of("map", "gm_map", "ndcg_cut_10", "P_5", "bpref", "num_rel_ret", "infAP", "G",
        "iprec_at_recall_0.50");
    RetrievalResult reference = RetrievalEvaluation.evaluate(qrels, run, RetrievalOptions.defaults().withMeasures(specs));
    for (String spec : specs) {
      Scorer s = scorer(spec);
      List<Map<String, Score>> perExample = new ArrayList<>();
      for (String topic : reference.topics()) {
        ObjectNode judgments = Json.object();
        for (String line : java.nio.file.Files.readAllLines(Fixtures.file("qrels.test"))) {
          String[] f = line.trim().split("\\s+");
          if (f[0].equals(topic)) {
            judgments.put(f[2], Integer.parseInt(f[3]));
          }
        }
        ArrayNode ranked = Json.MAPPER.createArrayNode();
        Ranking ranking = run.topic(topic);
        for (int i = ranking.size() - 1; i >= 0; i--) {
          ranked.addObject().put("docid", ranking.docid(i)).put("score", ranking.score(i));
        }
        Example ex = new Example(topic, Json.MAPPER.getNodeFactory().textNode(topic), judgments, Map.of(), null, 0);
        Map<String, Score> score = Scoring.scores(s, ex, new Output(ranked, null, null, null, null));
        perExample.add(score);
        if (!spec.equals("gm_map")) {
          assertThat(score.get(spec).value()).as(spec + " " + topic).isCloseTo(reference.value(topic, spec), within(1e-12));
        }
      }
      assertThat(Scoring.aggregate(s, perExample).get(spec)).as(spec + " aggregate")
          .isCloseTo(reference.aggregate().get(spec), within(1e-12));
    }
  }

  @Test
  void directionIsKnown() {
    assertThat(scorer("unj_10").metrics().get(0).direction().higherIsBetter()).isFalse();
    assertThat(scorer("map").metrics().get(0).direction().higherIsBetter()).isTrue();
  }
}
