package dev.assay.metrics.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * ROUGE-N, ROUGE-L and ROUGE-Lsum as rouge-score computes them for one prediction and one target.
 *
 * <p>ROUGE-N: clipped n-gram overlap over prediction n-grams (precision) and target n-grams
 * (recall), each count floored at 1 in the denominator. ROUGE-L: longest common subsequence of
 * the token sequences; 0 when either is empty. ROUGE-Lsum: texts are split into sentences at
 * newlines (empty lines dropped); for every target sentence the union of its LCS positions with
 * each prediction sentence is taken, and each union token counts as a hit only while both sides
 * still have an unmatched occurrence of it (ROUGE-1.5.5's guard against double counting).
 */
public final class Rouge {
  /** Which ROUGE variant. */
  public enum Kind { N, L, LSUM }

  /** Precision, recall and their harmonic mean (0 when both are 0). */
  public record Score(double precision, double recall, double fmeasure) {
    static Score of(double precision, double recall) {
      double sum = precision + recall;
      return new Score(precision, recall, sum > 0 ? 2 * precision * recall / sum : 0.0);
    }

    static final Score ZERO = new Score(0, 0, 0);
  }

  private final Kind kind;
  private final int n;
  private final RougeTokenizer tokenizer;

  /** @param n the n-gram order for {@link Kind#N}; ignored otherwise */
  public Rouge(Kind kind, int n, boolean stem) {
    this.kind = kind;
    this.n = n;
    this.tokenizer = new RougeTokenizer(stem);
  }

  /** The score of {@code prediction} against one {@code target}. */
  public Score score(String target, String prediction) {
    return switch (kind) {
      case N -> ngram(tokenizer.tokenize(target), tokenizer.tokenize(prediction));
      case L -> lcs(tokenizer.tokenize(target), tokenizer.tokenize(prediction));
      case LSUM -> summaryLcs(sentences(target), sentences(prediction));
    };
  }

  /** The score against the target with the best F-measure (the first on ties), as {@code score_multi}. */
  public Score scoreBest(List<String> targets, String prediction) {
    Score best = null;
    for (String t : targets) {
      Score s = score(t, prediction);
      if (best == null || s.fmeasure() > best.fmeasure()) {
        best = s;
      }
    }
    return best;
  }

  private Score ngram(List<String> target, List<String> prediction) {
    Map<String, Integer> t = Ngrams.words(target, n);
    Map<String, Integer> p = Ngrams.words(prediction, n);
    double overlap = Ngrams.overlap(t, p);
    return Score.of(overlap / Math.max(Ngrams.total(p), 1), overlap / Math.max(Ngrams.total(t), 1));
  }

  private static Score lcs(List<String> target, List<String> prediction) {
    if (target.isEmpty() || prediction.isEmpty()) {
      return Score.ZERO;
    }
    double length = lcsTable(target, prediction)[target.size()][prediction.size()];
    return Score.of(length / prediction.size(), length / target.size());
  }

  private List<List<String>> sentences(String text) {
    List<List<String>> out = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      if (!line.isEmpty()) {
        out.add(tokenizer.tokenize(line));
      }
    }
    return out;
  }

  private static Score summaryLcs(List<List<String>> target, List<List<String>> prediction) {
    int m = target.stream().mapToInt(List::size).sum();
    int k = prediction.stream().mapToInt(List::size).sum();
    if (m == 0 || k == 0) {
      return Score.ZERO;
    }
    Map<String, Integer> targetLeft = new HashMap<>();
    Map<String, Integer> predictionLeft = new HashMap<>();
    target.forEach(s -> s.forEach(t -> targetLeft.merge(t, 1, Integer::sum)));
    prediction.forEach(s -> s.forEach(t -> predictionLeft.merge(t, 1, Integer::sum)));
    int hits = 0;
    for (List<String> ref : target) {
      TreeSet<Integer> union = new TreeSet<>();
      for (List<String> candidate : prediction) {
        union.addAll(lcsPositions(ref, candidate));
      }
      for (int i : union) {
        String token = ref.get(i);
        if (targetLeft.getOrDefault(token, 0) > 0 && predictionLeft.getOrDefault(token, 0) > 0) {
          hits++;
          targetLeft.merge(token, -1, Integer::sum);
          predictionLeft.merge(token, -1, Integer::sum);
        }
      }
    }
    return Score.of((double) hits / k, (double) hits / m);
  }

  /** {@code t[i][j]}: LCS length of the first i tokens of a and the first j of b. */
  private static int[][] lcsTable(List<String> a, List<String> b) {
    int[][] t = new int[a.size() + 1][b.size() + 1];
    for (int i = 1; i <= a.size(); i++) {
      for (int j = 1; j <= b.size(); j++) {
        t[i][j] = a.get(i - 1).equals(b.get(j - 1)) ? t[i - 1][j - 1] + 1 : Math.max(t[i - 1][j], t[i][j - 1]);
      }
    }
    return t;
  }

  /**
   * Positions in {@code ref} of one LCS with {@code candidate}, found by backtracking from the end
   * and preferring to drop a candidate token when that keeps the length strictly larger (the
   * specific LCS matters for Lsum's union, so the tie rule follows rouge-score).
   */
  private static List<Integer> lcsPositions(List<String> ref, List<String> candidate) {
    int[][] t = lcsTable(ref, candidate);
    List<Integer> positions = new ArrayList<>();
    int i = ref.size();
    int j = candidate.size();
    while (i > 0 && j > 0) {
      if (ref.get(i - 1).equals(candidate.get(j - 1))) {
        positions.add(i - 1);
        i--;
        j--;
      } else if (t[i][j - 1] > t[i - 1][j]) {
        j--;
      } else {
        i--;
      }
    }
    return positions;
  }
}
