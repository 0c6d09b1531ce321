package dev.assay.metrics.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fused ASCII 13a pass ({@link Mteval13aAscii}) against the general path (regular-expression
 * 13a of {@link LegacyTextOracle}, then splitting on spaces) on seeded random segments that are
 * dense in what the rules look at: digits beside runs of periods and commas, dashes, symbols,
 * apostrophes, repeated and leading/trailing spaces; a few carry a character the fused pass must
 * refuse (control, non-ASCII, {@code <}, {@code &}). Seeds are in every assertion message.
 */
class Mteval13aAsciiTest {
  private static final long SEED = 20261207L;
  /** Weighted alphabet: the characters the rules distinguish, several times each. */
  private static final String COMMON = "aaabZQ0123456789999...........,,,,,,,-----   '!\"#$%()*+/:;=>?@[\\]^_`{|}~";
  private static final String REFUSED = "<&\t\n\u007f\u00e9\u00a0\u0000";

  private static String segment(SplittableRandom random, boolean allowRefused) {
    int length = random.nextInt(0, 40);
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      if (allowRefused && random.nextInt(60) == 0) {
        s.append(REFUSED.charAt(random.nextInt(REFUSED.length())));
      } else {
        s.append(COMMON.charAt(random.nextInt(COMMON.length())));
      }
    }
    return s.toString();
  }

  private static boolean refused(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7E || c == '<' || c == '&') {
        return true;
      }
    }
    return false;
  }

  @Test
  void fusedPassGivesTheTokensOfTheGeneralPath() {
    SplittableRandom random = new SplittableRandom(SEED);
    int fused = 0;
    for (int i = 0; i < 50_000; i++) {
      String s = segment(random, true);
      // One interner for both: equal ids mean equal token strings.
      TokenIds ids = new TokenIds(8);
      int[] expected = ids.spaceSeparated(LegacyTextOracle.tokenize13a(PyText.rstrip(s)));
      int[] general = ids.spaceSeparated(BleuTokenizer.T13A.tokenize(PyText.rstrip(s)));
      int[] actual = Mteval13aAscii.tokenIds(s, ids);
      String what = String.format("seed %d case %d: [%s]", SEED, i, escaped(s));
      assertThat(general).as(what).containsExactly(expected);
      if (refused(s)) {
        assertThat(actual).as(what).isNull();
      } else {
        assertThat(actual).as(what).containsExactly(expected);
        fused++;
      }
    }
    assertThat(fused).as("seed %d: cases on the fused pass", SEED).isGreaterThan(25_000);
  }

  @Test
  void bleuStatisticsOnAsciiEqualStringKeyedCounting() {
    SplittableRandom random = new SplittableRandom(SEED + 1);
    for (int i = 0; i < 3_000; i++) {
      boolean lowercase = random.nextBoolean();
      int order = random.nextInt(1, 6);
      Bleu bleu = new Bleu(BleuTokenizer.T13A, Bleu.Smoothing.EXP, Double.NaN, lowercase, order,
          false);
      String hyp = segment(random, false);
      List<String> refs = random.nextBoolean()
          ? List.of(segment(random, false))
          : List.of(hyp + segment(random, false), segment(random, true));
      assertThat(bleu.statistics(hyp, refs))
          .as("seed %d case %d: [%s] vs %s lowercase=%s order=%d", SEED + 1, i, escaped(hyp),
              escaped(refs), lowercase, order)
          .containsExactly(LegacyTextOracle.bleu(
              segment -> PyText.split(LegacyTextOracle.tokenize13a(
                  PyText.rstrip(lowercase ? PyText.lower(segment) : segment))),
              order, hyp, refs));
    }
  }

  private static String escaped(Object text) {
    StringBuilder out = new StringBuilder();
    for (char c : String.valueOf(text).toCharArray()) {
      out.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\u%04x", (int) c));
    }
    return out.toString();
  }
}
