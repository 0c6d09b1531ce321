package dev.assay.metrics.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The interned-id BLEU and chrF kernels and the scanning 13a tokenizer against {@link
 * LegacyTextOracle} (regular expressions, string-keyed hash maps) on seeded random text full of
 * what tokenizers trip on: digits next to periods, commas and dashes, XML entities, {@code
 * <skipped>}, Python-only whitespace, case mappings that change length, supplementary and lone
 * surrogate code points, and repeated words that exercise clipping.
 */
class InternedNgramsOracleTest {
  private static final long SEED = 20261128L;
  private static final String[] PIECES = {
      "the", "the", "cat", "Cat", "a", "a", "3", "3.14", "1,000", "5-6", "x-", "-", ".", ",", "..", ",.",
      "&amp;", "&quot;", "&lt;b&gt;", "<skipped>", "$5", "(hi)", "{x}", "[y]", "a/b", "'s", "«Paris»", "€5",
      "é", "ÉCOLE", "İstanbul", "straße", "ﬁ", "😀", "😀.", "\uD83D", "\uDE00x", "日本語", "e\u0301",
      "\u00a0", "\u2028", "\u3000", "\t", "\n", "-\n", "  ", "\u0085", "2.", ".5", "9-", "a.b,c"};

  private static String sentence(SplittableRandom random) {
    StringBuilder s = new StringBuilder();
    int words = random.nextInt(0, 25);
    for (int i = 0; i < words; i++) {
      if (i > 0 && random.nextInt(4) > 0) {
        s.append(' ');
      }
      s.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return s.toString();
  }

  private static List<String> references(SplittableRandom random, String hypothesis) {
    List<String> refs = new ArrayList<>();
    int count = random.nextInt(1, 4);
    for (int r = 0; r < count; r++) {
      // Half the references share most of the hypothesis, so matches are frequent.
      refs.add(random.nextBoolean() ? hypothesis.substring(random.nextInt(hypothesis.length() + 1)) + sentence(random)
          : sentence(random));
    }
    return refs;
  }

  /** Text with every non-ASCII or control char escaped, so failure messages survive any console. */
  private static String escaped(Object text) {
    StringBuilder out = new StringBuilder();
    for (char c : String.valueOf(text).toCharArray()) {
      out.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\u%04x", (int) c));
    }
    return out.toString();
  }

  @Test
  void scanning13aEqualsTheRegularExpressions() {
    SplittableRandom random = new SplittableRandom(SEED);
    for (int i = 0; i < 8_000; i++) {
      String line = sentence(random);
      assertThat(BleuTokenizer.T13A.tokenize(line)).as("seed %d case %d: %s", SEED, i, escaped(line))
          .isEqualTo(LegacyTextOracle.tokenize13a(line));
    }
  }

  @Test
  void bleuStatisticsEqualStringKeyedCounting() {
    SplittableRandom random = new SplittableRandom(SEED + 1);
    for (int i = 0; i < 2_500; i++) {
      BleuTokenizer tokenizer = BleuTokenizer.values()[random.nextInt(BleuTokenizer.values().length)];
      boolean lowercase = random.nextBoolean();
      int maxOrder = random.nextInt(1, 7);
      Bleu bleu = new Bleu(tokenizer, Bleu.Smoothing.EXP, Double.NaN, lowercase, maxOrder, false);
      String hyp = sentence(random);
      List<String> refs = references(random, hyp);
      double[] expected = LegacyTextOracle.bleu(s -> PyText.split(tokenizer == BleuTokenizer.T13A
          ? LegacyTextOracle.tokenize13a(PyText.rstrip(lowercase ? PyText.lower(s) : s))
          : tokenizer.tokenize(PyText.rstrip(lowercase ? PyText.lower(s) : s))), maxOrder, hyp, refs);
      assertThat(bleu.statistics(hyp, refs))
          .as("seed %d case %d: %s tokenize=%s lowercase=%s order=%d vs %s", SEED + 1, i, escaped(hyp), tokenizer.id(),
              lowercase, maxOrder, escaped(refs))
          .containsExactly(expected);
    }
  }

  @Test
  void chrfStatisticsEqualStringKeyedCounting() {
    SplittableRandom random = new SplittableRandom(SEED + 2);
    for (int i = 0; i < 2_500; i++) {
      int charOrder = random.nextInt(0, 8);
      int wordOrder = random.nextInt(charOrder == 0 ? 1 : 0, 4);
      boolean removeWhitespace = random.nextBoolean();
      boolean lowercase = random.nextBoolean();
      Chrf chrf = new Chrf(charOrder, wordOrder, 2, false, removeWhitespace, lowercase);
      String hyp = sentence(random);
      List<String> refs = references(random, hyp);
      assertThat(chrf.statistics(hyp, refs))
          .as("seed %d case %d: %s char=%d word=%d ws=%s lower=%s vs %s", SEED + 2, i, escaped(hyp), charOrder, wordOrder,
              removeWhitespace, lowercase, escaped(refs))
          .containsExactly(LegacyTextOracle.chrf(chrf, charOrder, wordOrder, removeWhitespace, lowercase, hyp, refs));
    }
  }
}
