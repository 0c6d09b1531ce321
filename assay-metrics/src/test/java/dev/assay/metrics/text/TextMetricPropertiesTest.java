package dev.assay.metrics.text;

import dev.assay.testkit.Scoring;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.assay.core.Example;
import dev.assay.core.Output;
import dev.assay.core.Score;
import dev.assay.core.Scorer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants of the text metrics on random corpora over a small vocabulary (so n-grams do match). */
class TextMetricPropertiesTest {
  private static final TextScorers PROVIDER = new TextScorers();
  private static final List<String> CORPUS_METRICS = List.of("bleu", "bleu:smooth=none", "bleu:tokenize=intl",
      "bleu:smooth=add-k", "bleu:tokenize=char:smooth=floor", "chrf", "chrf++", "chrf:eps_smoothing=true");
  private static final List<String> MEAN_METRICS = List.of("exact_match", "exact_match_strict", "f1", "contains",
      "rouge1", "rouge2", "rougeL", "rougeLsum", "rougeL_precision", "rouge2_recall:stemmer=true");

  /** A pair (hypothesis, reference) of short texts from a vocabulary with punctuation and non-ASCII words. */
  record Pair(String hypothesis, String reference) {}

  private static Arbitrary<String> text() {
    Arbitrary<String> word = Arbitraries.of("the", "a", "cat", "Cat", "sat", "on", "mat", "running", "dogs", "3.5",
        ",", ".", "«x»", "café", "1,000", "it's", "-", "€");
    Arbitrary<String> sep = Arbitraries.of(" ", " ", " ", "\n", "  ");
    return Combinators.combine(word.list().ofMaxSize(10), sep.list().ofSize(10)).as((w, s) -> {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < w.size(); i++) {
        b.append(w.get(i)).append(s.get(i));
      }
      return b.toString();
    });
  }

  @Provide
  Arbitrary<List<Pair>> corpus() {
    return Combinators.combine(text(), text()).as(Pair::new).list().ofMinSize(1).ofMaxSize(8);
  }

  private static List<Map<String, Score>> score(Scorer scorer, List<Pair> corpus) {
    List<Map<String, Score>> out = new ArrayList<>();
    for (int i = 0; i < corpus.size(); i++) {
      out.add(Scoring.scores(scorer, Example.of("e" + i, "q", corpus.get(i).reference()),
          Output.text(corpus.get(i).hypothesis())));
    }
    return out;
  }

  private static double value(Scorer scorer, List<Map<String, Score>> per) {
    return Scoring.runValue(scorer, per);
  }

  @Property(tries = 25, seed = "20240611")
  void permutingExamplesLeavesCorpusMetricsUnchanged(@ForAll("corpus") List<Pair> corpus, @ForAll long shuffleSeed) {
    List<Pair> shuffled = new ArrayList<>(corpus);
    Collections.shuffle(shuffled, new Random(shuffleSeed));
    for (String name : CORPUS_METRICS) {
      Scorer s = Scoring.create(PROVIDER, name).orElseThrow();
      // statistics are integer counts summed in any order, so the value is bit-identical
      assertThat(value(s, score(s, shuffled))).as(name + " shuffle seed " + shuffleSeed)
          .isEqualTo(value(s, score(s, corpus)));
    }
  }

  @Property(tries = 25, seed = "20240612")
  void duplicatingTheDatasetLeavesScaleFreeMetricsUnchanged(@ForAll("corpus") List<Pair> corpus) {
    List<Pair> twice = new ArrayList<>(corpus);
    twice.addAll(corpus);
    // exp/floor/add-k smoothing and eps smoothing depend on absolute counts, so only these are scale free
    List<String> names = new ArrayList<>(MEAN_METRICS);
    names.addAll(List.of("bleu:smooth=none", "chrf", "chrf++"));
    for (String name : names) {
      Scorer s = Scoring.create(PROVIDER, name).orElseThrow();
      assertThat(value(s, score(s, twice))).as(name).isCloseTo(value(s, score(s, corpus)), within(1e-9));
    }
  }

  @Property(tries = 25, seed = "20240613")
  void weightsActAsMultiplicities(@ForAll("corpus") List<Pair> corpus) {
    for (String name : CORPUS_METRICS) {
      Scorer s = Scoring.create(PROVIDER, name).orElseThrow();
      double[] weights = new double[corpus.size()];
      List<Pair> expanded = new ArrayList<>();
      for (int i = 0; i < weights.length; i++) {
        weights[i] = i % 3;
        for (int k = 0; k < weights[i]; k++) {
          expanded.add(corpus.get(i));
        }
      }
      if (expanded.isEmpty()) {
        continue; // a sample's weights must include a positive one
      }
      double weighted = s.metrics().get(0).sample(score(s, corpus).stream().map(m -> m.get(name)).toList())
          .value(weights);
      assertThat(weighted).as(name).isEqualTo(value(s, score(s, expanded)));
    }
  }

  @Property(tries = 30, seed = "20240614")
  void everyScoreStaysInItsRange(@ForAll("corpus") List<Pair> corpus) {
    for (String name : CORPUS_METRICS) {
      Scorer s = Scoring.create(PROVIDER, name).orElseThrow();
      List<Map<String, Score>> per = score(s, corpus);
      per.forEach(m -> assertThat(m.get(name).value()).as(name).isBetween(0.0, 100.0 + 1e-9));
      assertThat(value(s, per)).as(name).isBetween(0.0, 100.0 + 1e-9);
    }
    for (String name : MEAN_METRICS) {
      Scorer s = Scoring.create(PROVIDER, name).orElseThrow();
      score(s, corpus).forEach(m -> assertThat(m.get(name).value()).as(name).isBetween(0.0, 1.0));
    }
  }

  @Property(tries = 30, seed = "20240615")
  void aPerfectPredictionReachesTheMaximum(@ForAll("corpus") List<Pair> corpus) {
    List<Pair> perfect = corpus.stream().map(p -> new Pair(p.reference(), p.reference())).toList();
    for (String name : List.of("exact_match", "exact_match_strict", "contains")) {
      Scorer s = Scoring.create(PROVIDER, name).orElseThrow();
      assertThat(value(s, score(s, perfect))).as(name).isEqualTo(1.0);
    }
    for (Pair p : perfect) {
      String normalized = SquadText.normalize(p.reference());
      if (!normalized.isEmpty()) {
        assertThat(SquadText.f1(p.hypothesis(), p.reference())).as("f1 " + p).isEqualTo(1.0);
      }
      if (!new RougeTokenizer(false).tokenize(p.reference()).isEmpty()) {
        for (String name : List.of("rouge1", "rougeL", "rougeLsum")) {
          Scorer s = Scoring.create(PROVIDER, name).orElseThrow();
          assertThat(value(s, score(s, List.of(p)))).as(name + " " + p).isEqualTo(1.0);
        }
      }
      if (PyText.split(p.reference()).size() > 0) {
        Scorer chrf = Scoring.create(PROVIDER, "chrf").orElseThrow();
        assertThat(value(chrf, score(chrf, List.of(p)))).as("chrf " + p).isEqualTo(100.0);
      }
      if (Bleu.defaults().tokens(p.reference()).size() >= 4) {
        Scorer bleu = Scoring.create(PROVIDER, "bleu").orElseThrow();
        assertThat(value(bleu, score(bleu, List.of(p)))).as("bleu " + p).isCloseTo(100.0, within(1e-9));
      }
    }
  }
}
