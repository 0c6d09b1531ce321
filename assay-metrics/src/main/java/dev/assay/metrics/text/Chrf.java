package dev.assay.metrics.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

  /** The n-gram multisets of a segment: character orders first, then word orders. */
  private List<Map<String, Integer>> ngrams(String segment) {
    String s = lowercase ? PyText.lower(segment) : segment;
    String chars = removeWhitespace ? String.join("", PyText.split(s)) : s;
    int[] cps = chars.codePoints().toArray();
    List<Map<String, Integer>> out = new ArrayList<>(charOrder + wordOrder);
    for (int n = 1; n <= charOrder; n++) {
      out.add(Ngrams.chars(cps, n));
    }
    if (wordOrder > 0) {
      List<String> words = splitPunctuation(s);
      for (int n = 1; n <= wordOrder; n++) {
        out.add(Ngrams.words(words, n));
      }
    }
    return out;
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

  @Override
  public double[] statistics(String hypothesis, List<String> references) {
    if (references.isEmpty()) {
      throw new IllegalArgumentException("no reference");
    }
    List<Map<String, Integer>> hyp = ngrams(hypothesis);
    double[] best = null;
    double bestScore = -1;
    for (String reference : references) {
      List<Map<String, Integer>> ref = ngrams(reference);
      double[] stats = new double[size()];
      for (int i = 0; i < hyp.size(); i++) {
        stats[3 * i] = Ngrams.total(hyp.get(i));
        stats[3 * i + 1] = Ngrams.total(ref.get(i));
        stats[3 * i + 2] = Ngrams.overlap(hyp.get(i), ref.get(i));
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
