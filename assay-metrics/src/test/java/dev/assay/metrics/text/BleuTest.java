package dev.assay.metrics.text;

import dev.assay.testkit.Scoring;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.assay.core.InputException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BleuTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Hello, world.|Hello , world .",
      "3.14 and 1,000 people|3.14 and 1,000 people",
      "It's 5-6 o'clock|It's 5 - 6 o'clock",
      "&quot;x&quot; &amp; y|\" x \" & y",
      "ends in 1.|ends in 1 .",
      "<skipped>well-known $5|well-known $ 5",
  })
  void tokenizes13aAsMteval(String line, String expected) {
    assertThat(BleuTokenizer.T13A.tokenize(line)).isEqualTo(expected);
  }

  @Test
  void tokenizes13aJoiningHyphenatedLineBreaks() {
    assertThat(BleuTokenizer.T13A.tokenize("a-\nb (c)\nd")).isEqualTo("ab ( c ) d");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Hello, world!|Hello , world !",
      "pi is 3.14, or 1,000|pi is 3.14 , or 1,000",
      "«Paris» costs €5|« Paris » costs € 5",
      "a.1|a . 1",
  })
  void tokenizesIntlWithUnicodeCategories(String line, String expected) {
    assertThat(BleuTokenizer.INTL.tokenize(line)).isEqualTo(expected);
  }

  @Test
  void charAndNoneTokenizers() {
    assertThat(BleuTokenizer.CHAR.tokenize("ab c\u00a0d😀")).isEqualTo("a b c d 😀");
    assertThat(BleuTokenizer.NONE.tokenize("  a,  b\t")).isEqualTo("a, b");
  }

  @Test
  void statisticsUseClosestReferenceLengthShorterOnTies() {
    Bleu bleu = Bleu.defaults();
    double[] s = bleu.statistics("a b c", List.of("a b c d", "a b"));
    // hyp_len, ref_len, correct 1..4, total 1..4
    assertThat(s).containsExactly(3, 2, 3, 2, 1, 0, 3, 2, 1, 0);
  }

  @Test
  void clipsMatchesAtTheMaximumCountOfAnyOneReference() {
    Bleu bleu = Bleu.defaults();
    double[] s = bleu.statistics("the the the the", List.of("the cat", "the the mat"));
    assertThat(s[2]).isEqualTo(2); // unigram "the": at most twice in a single reference
    assertThat(s[3]).isEqualTo(1); // bigram "the the"
  }

  @Test
  void sentenceScoreUsesEffectiveOrderCorpusDoesNot() {
    Bleu bleu = new Bleu(BleuTokenizer.T13A, Bleu.Smoothing.NONE, Double.NaN, false, 4, false);
    double[] s = bleu.statistics("the cat sat", List.of("the cat sat on"));
    // three orders with precision 1, brevity penalty exp(1 - 4/3)
    assertThat(bleu.segmentScore(s)).isCloseTo(100 * Math.exp(1 - 4.0 / 3), within(1e-12));
    assertThat(bleu.corpusScore(s)).isZero();
  }

  @Test
  void smoothingMethodsFollowSacrebleu() {
    // hyp 4 tokens, ref 5: matches 3, 1, 0, 0 of totals 4, 3, 2, 1; bp = exp(1 - 5/4)
    double[] s = {4, 5, 3, 1, 0, 0, 4, 3, 2, 1};
    double bp = Math.exp(1 - 5.0 / 4);
    double exp = new Bleu(BleuTokenizer.T13A, Bleu.Smoothing.EXP, Double.NaN, false, 4, false).corpusScore(s);
    assertThat(exp).isCloseTo(bp * geoMean(75, 100.0 / 3, 100.0 / (2 * 2), 100.0 / (4 * 1)), within(1e-12));
    double floor = new Bleu(BleuTokenizer.T13A, Bleu.Smoothing.FLOOR, Double.NaN, false, 4, false).corpusScore(s);
    assertThat(floor).isCloseTo(bp * geoMean(75, 100.0 / 3, 100 * 0.1 / 2, 100 * 0.1 / 1), within(1e-12));
    double addK = new Bleu(BleuTokenizer.T13A, Bleu.Smoothing.ADD_K, 2, false, 4, false).corpusScore(s);
    assertThat(addK).isCloseTo(bp * geoMean(75, 100.0 * 3 / 5, 100.0 * 2 / 4, 100.0 * 2 / 3), within(1e-12));
    assertThat(new Bleu(BleuTokenizer.T13A, Bleu.Smoothing.NONE, Double.NaN, false, 4, false).corpusScore(s)).isZero();
  }

  private static double geoMean(double... p) {
    double sum = 0;
    for (double x : p) {
      sum += Math.log(x);
    }
    return Math.exp(sum / p.length);
  }

  @Test
  void lowercaseOptionAndEmptyHypothesis() {
    Bleu cased = Bleu.defaults();
    Bleu lower = new Bleu(BleuTokenizer.T13A, Bleu.Smoothing.EXP, Double.NaN, true, 4, false);
    List<String> ref = List.of("The Cat sat on the mat");
    assertThat(cased.segmentScore(cased.statistics("the cat sat on the mat", ref))).isLessThan(100);
    assertThat(lower.segmentScore(lower.statistics("the cat sat on the mat", ref))).isCloseTo(100.0, within(1e-9));
    assertThat(cased.segmentScore(cased.statistics("", ref))).isZero();
  }

  @Test
  void parametersAreValidated() {
    TextScorers p = new TextScorers();
    assertThat(Scoring.names(Scoring.create(p, "bleu:tokenize=intl:smooth=add-k:smooth_value=1").orElseThrow()))
        .containsExactly("bleu:tokenize=intl:smooth=add-k:smooth_value=1");
    assertThatThrownBy(() -> Scoring.create(p, "bleu:tokenize=zh")).isInstanceOf(InputException.class)
        .hasMessageContaining("tokenize");
    assertThatThrownBy(() -> Scoring.create(p, "bleu:smooth=exp:smooth_value=2")).isInstanceOf(InputException.class)
        .hasMessageContaining("smooth_value");
    assertThatThrownBy(() -> Scoring.create(p, "bleu:tokenize")).isInstanceOf(InputException.class)
        .hasMessageContaining("malformed");
    assertThatThrownBy(() -> Scoring.create(p, "bleu:lowercase=yes")).isInstanceOfSatisfying(InputException.class,
        e -> assertThat(e.render()).contains("true or false"));
  }
}
