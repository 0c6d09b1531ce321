package dev.assay.metrics.text;

import dev.assay.testkit.Scoring;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.assay.core.InputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChrfTest {
  private static Chrf chrf(int wordOrder, boolean removeWhitespace) {
    return new Chrf(6, wordOrder, 2, false, removeWhitespace, false);
  }

  @Test
  void splitsOnePunctuationMarkOffWordEnds() {
    assertThat(Chrf.splitPunctuation("(hi) there, x \"quoted\" - ok"))
        .containsExactly("(hi", ")", "there", ",", "x", "\"quoted", "\"", "-", "ok");
  }

  @Test
  void handComputedChrf() {
    // "ab" vs "abc": order 1 p=1 r=2/3, order 2 p=1 r=1/2, orders 3-6 have no hypothesis n-gram
    Chrf c = chrf(0, true);
    double[] s = c.statistics("ab", List.of("abc"));
    assertThat(s).startsWith(2, 3, 2, 1, 2, 1, 0, 1, 0);
    double p = 1.0;
    double r = (2.0 / 3 + 1.0 / 2) / 2;
    assertThat(c.segmentScore(s)).isCloseTo(100 * 5 * p * r / (4 * p + r), within(1e-12));
  }

  @Test
  void chrfPlusPlusAddsWordOrders() {
    Chrf plain = chrf(0, true);
    Chrf plus = chrf(2, true);
    assertThat(plus.size()).isEqualTo(24);
    List<String> ref = List.of("the cat sat.");
    // same characters, different word split: only the word n-grams notice
    double[] s = plus.statistics("thecat sat.", ref);
    assertThat(plain.segmentScore(plain.statistics("thecat sat.", ref))).isEqualTo(100.0);
    assertThat(plus.segmentScore(s)).isLessThan(100.0);
    assertThat(s[18]).isEqualTo(3); // word unigrams of the hypothesis: thecat, sat, .
  }

  @Test
  void keepsTheBestReference() {
    Chrf c = chrf(0, true);
    double[] s = c.statistics("kitten", List.of("dog", "kitten", "kittens"));
    assertThat(c.segmentScore(s)).isEqualTo(100.0);
  }

  @Test
  void whitespaceCountsWhenNotRemoved() {
    List<String> ref = List.of("a b");
    assertThat(chrf(0, true).segmentScore(chrf(0, true).statistics("ab", ref))).isEqualTo(100.0);
    assertThat(chrf(0, false).segmentScore(chrf(0, false).statistics("ab", ref))).isLessThan(100.0);
  }

  @Test
  void parametersAreValidated() {
    TextScorers p = new TextScorers();
    assertThat(Scoring.names(Scoring.create(p, "chrf++").orElseThrow())).containsExactly("chrf++");
    assertThatThrownBy(() -> Scoring.create(p, "chrf:beta=0")).isInstanceOf(InputException.class);
    assertThatThrownBy(() -> Scoring.create(p, "chrf:char_order=0")).isInstanceOf(InputException.class)
        .hasMessageContaining("both 0");
    assertThatThrownBy(() -> Scoring.create(p, "chrf:whitespace=true")).isInstanceOfSatisfying(InputException.class,
        e -> assertThat(e.render()).contains("known:").contains("remove_whitespace"));
  }
}
