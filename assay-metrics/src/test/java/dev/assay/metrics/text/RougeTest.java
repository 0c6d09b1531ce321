package dev.assay.metrics.text;

import dev.assay.testkit.Scoring;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.assay.core.InputException;
import dev.assay.core.Output;
import dev.assay.core.Scorer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RougeTest {
  @Test
  void tokenizerKeepsAsciiAlphanumericRuns() {
    assertThat(new RougeTokenizer(false).tokenize("It's a TEST-case, 3.5 café!"))
        .containsExactly("it", "s", "a", "test", "case", "3", "5", "caf");
    assertThat(new RougeTokenizer(true).tokenize("running dogs ran"))
        .containsExactly("run", "dog", "ran");
  }

  @Test
  void rougeNCountsClippedOverlap() {
    Rouge.Score s = new Rouge(Rouge.Kind.N, 1, false).score("the cat the mat", "the the the cat");
    // overlap: the x2, cat x1 = 3 of 4 each side
    assertThat(s.precision()).isEqualTo(0.75);
    assertThat(s.recall()).isEqualTo(0.75);
    Rouge.Score bigram = new Rouge(Rouge.Kind.N, 2, false).score("a b", "a");
    assertThat(bigram).isEqualTo(new Rouge.Score(0, 0, 0));
  }

  @Test
  void rougeLsumMatchesSentencesInAnyOrder() {
    String target = "a b\nc d";
    String prediction = "c d\na b";
    assertThat(new Rouge(Rouge.Kind.L, 0, false).score(target, prediction).fmeasure()).isEqualTo(0.5);
    assertThat(new Rouge(Rouge.Kind.LSUM, 0, false).score(target, prediction).fmeasure()).isEqualTo(1.0);
  }

  @Test
  void rougeLsumDoesNotCountATokenTwice() {
    // both target sentences' LCS use the single "x" of the prediction; it is a hit once
    Rouge.Score s = new Rouge(Rouge.Kind.LSUM, 0, false).score("x y\nx z", "x");
    assertThat(s.precision()).isEqualTo(1.0);
    assertThat(s.recall()).isEqualTo(0.25);
  }

  @Test
  void scorerUsesBestReferenceAndRequestedPart() {
    TextScorers p = new TextScorers();
    Scorer recall = Scoring.create(p, "rougeL_recall").orElseThrow();
    var ex = TextScorersTest.withReferences("e", "x y z w", "the cat sat");
    assertThat(Scoring.values(recall, ex, Output.text("the cat sat down")).get("rougeL_recall")).isEqualTo(1.0);
    Scorer f = Scoring.create(p, "rouge1:stemmer=true").orElseThrow();
    var stems = TextScorersTest.withReferences("s", "dogs running");
    assertThat(Scoring.values(f, stems, Output.text("dog runs")).get("rouge1:stemmer=true")).isEqualTo(1.0);
    assertThat(Scoring.values(Scoring.create(p, "rouge1").orElseThrow(), stems, Output.text("dog runs")).get("rouge1")).isZero();
    assertThat(new Rouge(Rouge.Kind.N, 1, false).scoreBest(List.of("a b", "a c"), "a c").fmeasure())
        .isCloseTo(1.0, within(0.0));
  }

  @Test
  void measureParameterSelectsThePart() {
    TextScorers p = new TextScorers();
    var ex = TextScorersTest.withReferences("e", "the cat sat on the mat");
    Output out = Output.text("the cats sat");
    // rouge-1 without stemming: 2 of 3 prediction tokens, 2 of 6 target tokens.
    assertThat(Scoring.values(Scoring.create(p, "rouge1:measure=precision").orElseThrow(), ex, out))
        .containsExactly(Map.entry("rouge1:measure=precision", 2 / 3.0));
    assertThat(Scoring.values(Scoring.create(p, "rouge1:measure=recall").orElseThrow(), ex, out).get("rouge1:measure=recall"))
        .isEqualTo(2 / 6.0);
    double f = Scoring.values(Scoring.create(p, "rouge1").orElseThrow(), ex, out).get("rouge1");
    assertThat(f).isEqualTo(2 * (2 / 3.0) * (2 / 6.0) / (2 / 3.0 + 2 / 6.0));
    assertThat(Scoring.values(Scoring.create(p, "rouge1:measure=fmeasure").orElseThrow(), ex, out).get("rouge1:measure=fmeasure"))
        .as("fmeasure is the default").isEqualTo(f);
    // With the stemmer, cats -> cat: 3 of 3, 3 of 6; parameters in either order.
    assertThat(Scoring.values(Scoring.create(p, "rouge1:measure=recall:stemmer=true").orElseThrow(), ex, out)
        .get("rouge1:measure=recall:stemmer=true")).isEqualTo(0.5);
    assertThat(Scoring.values(Scoring.create(p, "rouge1:stemmer=true:measure=precision").orElseThrow(), ex, out)
        .get("rouge1:stemmer=true:measure=precision")).isEqualTo(1.0);
    for (String kind : new String[] {"rouge2", "rougeL", "rougeLsum", "rouge3"}) {
      for (String part : new String[] {"precision", "recall", "fmeasure"}) {
        assertThat(Scoring.values(Scoring.create(p, kind + ":measure=" + part).orElseThrow(), ex, out).get(kind + ":measure=" + part))
            .as(kind + " " + part)
            .isEqualTo(Scoring.values(Scoring.create(p, kind + "_" + part).orElseThrow(), ex, out).get(kind + "_" + part));
      }
    }
  }

  @Test
  void measureParameterIsValidated() {
    TextScorers p = new TextScorers();
    assertThatThrownBy(() -> Scoring.create(p, "rougeL:measure=f1"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("parameter 'measure' of metric 'rougeL' is 'f1'")
        .satisfies(e -> assertThat(((InputException) e).render())
            .contains("one of fmeasure, precision, recall"));
    assertThatThrownBy(() -> Scoring.create(p, "rougeL:measure=Recall")).isInstanceOf(InputException.class);
    assertThatThrownBy(() -> Scoring.create(p, "rougeL_recall:measure=precision"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("'rougeL_recall' already names the part");
    assertThatThrownBy(() -> Scoring.create(p, "rouge2:measure=recall:measure=precision"))
        .isInstanceOf(InputException.class);
    assertThatThrownBy(() -> Scoring.create(p, "bleu:measure=recall"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("unknown parameter 'measure'");
  }
}
