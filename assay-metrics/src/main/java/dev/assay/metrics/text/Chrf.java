package dev.assay.metrics.text;

import java.util.ArrayList;
import java.util.List;

/**
 * chrF and chrF++ as sacreBLEU 2.x computes them, on a 0-100 scale.
 *
 * <p>Statistics per example: for each character order 1..{@code charOrder} then each word order
 * 1..{@code wordOrder}, the triple {@code [hyp_count, ref_count, matches]}. With several
 * references the triples of the reference with the best sentence chrF are kept (the first on
 * ties). The score is the F-beta of precision and recall averaged over the orders that have both
 * hypothesis and reference n-grams; with {@code epsSmoothing} it is instead the mean of per-order
 * F-beta values, where an empty side counts as 1e-16 (chrF's original smoothing).
 */
public final class Chrf implements SufficientStatistics {
  private static final double EPS = 1e-16;
  private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

  private final int charOrder;
  private final int wordOrder;
  private final double beta;
  private final boolean epsSmoothing;
  private final boolean removeWhitespace;
  private final boolean lowercase;

  public Chrf(int charOrder, int wordOrder, double beta, boolean epsSmoothing, boolean removeWhitespace,
      boolean lowercase) {
    if (charOrder < 0 || wordOrder < 0 || charOrder + wordOrder == 0 || !(beta > 0)) {
      throw new IllegalArgumentException("chrF orders " + charOrder + "/" + wordOrder + ", beta " + beta);
    }
    this.charOrder = charOrder;
    this.wordOrder = wordOrder;
    this.beta = beta;
    this.epsSmoothing = epsSmoothing;
    this.removeWhitespace = removeWhitespace;
    this.lowercase = lowercase;
  }

  @Override
  public int size() {
    return 3 * (charOrder + wordOrder);
  }

  /** A segment's n-grams as ids: character orders first, then word orders (see {@link NgramIds}). */
  private int[][] ngrams(String segment, NgramIds charGrams, TokenIds words, NgramIds wordGrams) {
    String s = lowercase ? PyText.lower(segment) : segment;
    int[][] out = new int[charOrder + wordOrder][];
    if (charOrder > 0) {
      int[][] chars = charGrams.ngrams(codePoints(s), charOrder);
      System.arraycopy(chars, 0, out, 0, charOrder);
    }
    if (wordOrder > 0) {
      List<String> tokens = splitPunctuation(s);
      int[] ids = new int[tokens.size()];
      for (int i = 0; i < ids.length; i++) {
        String w = tokens.get(i);
        ids[i] = words.id(w, 0, w.length());
      }
      int[][] grams = wordGrams.ngrams(ids, wordOrder);
      System.arraycopy(grams, 0, out, charOrder, wordOrder);
    }
    return out;
  }

  /** The code points of {@code s}, without Python whitespace when whitespace is removed. */
  private int[] codePoints(String s) {
    int[] out = new int[s.length()];
    int n = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (!removeWhitespace || !PyText.isSpace(cp)) {
        out[n++] = cp;
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }

  /**
   * chrF++'s word tokens: whitespace tokens, with one ASCII punctuation character split off the end
   * or (failing that) the start of each token longer than one character.
   */
  static List<String> splitPunctuation(String s) {
    List<String> out = new ArrayList<>();
    for (String w : PyText.split(s)) {
      int len = w.codePointCount(0, w.length());
      if (len == 1) {
        out.add(w);
        continue;
      }
      int last = w.codePointBefore(w.length());
      int first = w.codePointAt(0);
      if (isPunct(last)) {
        int cut = w.length() - Character.charCount(last);
        out.add(w.substring(0, cut));
        out.add(w.substring(cut));
      } else if (isPunct(first)) {
        int cut = Character.charCount(first);
        out.add(w.substring(0, cut));
        out.add(w.substring(cut));
      } else {
        out.add(w);
      }
    }
    return out;
  }

  private static boolean isPunct(int cp) {
    return cp < 128 && PUNCTUATION.indexOf(cp) >= 0;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Character and word n-grams are interned as int ids local to this call ({@link NgramIds}),
   * so counting builds no string per n-gram; the counts are those of sacreBLEU's {@code Counter}s.
   */
  @Override
  public double[] statistics(String hypothesis, List<String> references) {
    if (references.isEmpty()) {
      throw new IllegalArgumentException("no reference");
    }
    int expected = charOrder * hypothesis.length();
    NgramIds charGrams = NgramIds.local(0, expected);
    TokenIds words = wordOrder == 0 ? null : TokenIds.local(hypothesis.length() / 2);
    NgramIds wordGrams = NgramIds.local(1, wordOrder == 0 ? 1 : wordOrder * hypothesis.length() / 2);
    int[][] hyp = ngrams(hypothesis, charGrams, words, wordGrams);
    int[][][] refs = new int[references.size()][][];
    for (int r = 0; r < refs.length; r++) {
      refs[r] = ngrams(references.get(r), charGrams, words, wordGrams);
    }
    // Char and word ids are separate spaces: count them in separate arrays.
    int[] hypChars = new int[charGrams.size()];
    int[] usedChars = new int[charGrams.size()];
    int[] hypWords = new int[wordGrams.size()];
    int[] usedWords = new int[wordGrams.size()];
    for (int i = 0; i < hyp.length; i++) {
      int[] hypCount = i < charOrder ? hypChars : hypWords;
      for (int id : hyp[i]) {
        hypCount[id]++;
      }
    }
    double[] best = null;
    double bestScore = -1;
    for (int[][] ref : refs) {
      double[] stats = new double[size()];
      for (int i = 0; i < hyp.length; i++) {
        int[] hypCount = i < charOrder ? hypChars : hypWords;
        int[] used = i < charOrder ? usedChars : usedWords;
        // Multiset intersection: a reference n-gram matches while the hypothesis has copies left.
        int matches = 0;
        for (int id : ref[i]) {
          if (used[id]++ < hypCount[id]) {
            matches++;
          }
        }
        for (int id : ref[i]) {
          used[id] = 0;
        }
        stats[3 * i] = hyp[i].length;
        stats[3 * i + 1] = ref[i].length;
        stats[3 * i + 2] = matches;
      }
      double f = score(stats);
      if (f > bestScore) {
        bestScore = f;
        best = stats;
      }
    }
    return best;
  }

  @Override
  public double segmentScore(double[] statistics) {
    return score(statistics);
  }

  @Override
  public double corpusScore(double[] summed) {
    return score(summed);
  }

  /** chrF on 0-100 from a statistics vector. */
  double score(double[] s) {
    double factor = beta * beta;
    double smoothedSum = 0;
    double precisionSum = 0;
    double recallSum = 0;
    int effectiveOrder = 0;
    int orders = charOrder + wordOrder;
    for (int i = 0; i < orders; i++) {
      double hyp = s[3 * i];
      double ref = s[3 * i + 1];
      double match = s[3 * i + 2];
      double precision = hyp > 0 ? match / hyp : EPS;
      double recall = ref > 0 ? match / ref : EPS;
      double denominator = factor * precision + recall;
      smoothedSum += denominator > 0 ? (1 + factor) * precision * recall / denominator : EPS;
      if (hyp > 0 && ref > 0) {
        precisionSum += precision;
        recallSum += recall;
        effectiveOrder++;
      }
    }
    if (epsSmoothing) {
      return 100 * smoothedSum / orders;
    }
    if (effectiveOrder == 0) {
      return 0.0;
    }
    double p = precisionSum / effectiveOrder;
    double r = recallSum / effectiveOrder;
    if (p + r == 0) {
      return 0.0;
    }
    return 100 * ((1 + factor) * p * r / (factor * p + r));
  }
}
