package dev.assay.metrics.text;

import java.util.List;

/**
 * BLEU as sacreBLEU 2.x computes it, on a 0-100 scale.
 *
 * <p>Statistics per example: {@code [hyp_len, ref_len, correct_1..N, total_1..N]} where {@code
 * ref_len} is the length of the reference closest to the hypothesis (the shorter on ties) and
 * {@code correct_n} clips each hypothesis n-gram count at its maximum count in any one reference.
 * The corpus score applies brevity penalty and smoothed geometric mean of n-gram precisions to
 * the summed statistics; the sentence score does the same to one example's statistics with
 * sacreBLEU's {@code sentence_bleu} default of effective order.
 */
public final class Bleu implements SufficientStatistics {
  /** The smoothing methods of sacreBLEU (Chen and Cherry 2014 numbering in comments). */
  public enum Smoothing {
    /** No smoothing: a zero precision makes the score 0. */
    NONE("none", Double.NaN),
    /** Method 1: a zero match count is replaced by {@code smooth_value} (default 0.1). */
    FLOOR("floor", 0.1),
    /** Method 2 generalised: add {@code smooth_value} (default 1) to matches and totals of n > 1. */
    ADD_K("add-k", 1.0),
    /** Method 3 (NIST mteval's): the k-th zero precision becomes 1 / (2^k * total). */
    EXP("exp", Double.NaN);

    private final String id;
    private final double defaultValue;

    Smoothing(String id, double defaultValue) {
      this.id = id;
      this.defaultValue = defaultValue;
    }

    public String id() {
      return id;
    }

    /** Whether {@code smooth_value} means anything for this method. */
    public boolean takesValue() {
      return !Double.isNaN(defaultValue);
    }

    static Smoothing byId(String id) {
      for (Smoothing s : values()) {
        if (s.id.equals(id)) {
          return s;
        }
      }
      return null;
    }
  }

  /** sacreBLEU's log for BLEU: a large negative number instead of -infinity for 0. */
  private static final double LOG_ZERO = -9999999999.0;

  private final BleuTokenizer tokenizer;
  private final Smoothing smoothing;
  private final double smoothValue;
  private final boolean lowercase;
  private final int maxOrder;
  private final boolean effectiveOrder;

  /**
   * @param smoothValue NaN for the method's default
   * @param effectiveOrder whether the corpus score uses effective order (sacreBLEU's corpus default
   *     is false; sentence scores always use it)
   */
  public Bleu(BleuTokenizer tokenizer, Smoothing smoothing, double smoothValue, boolean lowercase,
      int maxOrder, boolean effectiveOrder) {
    if (maxOrder < 1) {
      throw new IllegalArgumentException("maxOrder " + maxOrder);
    }
    this.tokenizer = tokenizer;
    this.smoothing = smoothing;
    this.smoothValue = Double.isNaN(smoothValue) ? smoothing.defaultValue : smoothValue;
    this.lowercase = lowercase;
    this.maxOrder = maxOrder;
    this.effectiveOrder = effectiveOrder;
  }

  /** sacreBLEU's defaults: 13a, exp smoothing, case-sensitive, 4-grams, no effective order. */
  public static Bleu defaults() {
    return new Bleu(BleuTokenizer.T13A, Smoothing.EXP, Double.NaN, false, 4, false);
  }

  @Override
  public int size() {
    return 2 + 2 * maxOrder;
  }

  /** The tokens of a segment after sacreBLEU's preprocessing (lowercase, rstrip, tokenize). */
  List<String> tokens(String segment) {
    return PyText.split(tokenized(segment));
  }

  /** The segment preprocessed and tokenized: tokens joined by single spaces. */
  private String tokenized(String segment) {
    String s = lowercase ? PyText.lower(segment) : segment;
    return tokenizer.tokenize(PyText.rstrip(s));
  }

  /**
   * Ids of the tokens of a segment after sacreBLEU's preprocessing. 13a on printable ASCII (the
   * usual case) takes the fused single pass of {@link Mteval13aAscii}, which gives the same ids.
   */
  private int[] tokenIds(String segment, TokenIds tokens) {
    String s = lowercase ? PyText.lower(segment) : segment;
    if (tokenizer == BleuTokenizer.T13A) {
      int[] ids = Mteval13aAscii.tokenIds(s, tokens);
      if (ids != null) {
        return ids;
      }
    }
    return tokens.spaceSeparated(tokenizer.tokenize(PyText.rstrip(s)));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Tokens and n-grams are interned as int ids local to this call ({@link TokenIds}, {@link
   * NgramIds}), so counting allocates no string per n-gram; the counts, and so the statistics,
   * are those of sacreBLEU's n-gram {@code Counter}s.
   */
  @Override
  public double[] statistics(String hypothesis, List<String> references) {
    if (references.isEmpty()) {
      throw new IllegalArgumentException("no reference");
    }
    TokenIds tokens = TokenIds.local(2 * (hypothesis.length() / 4 + 8));
    int[] hyp = tokenIds(hypothesis, tokens);
    NgramIds grams = NgramIds.local(0, maxOrder * hyp.length * (1 + references.size()));
    int[][] hypGrams = grams.ngrams(hyp, maxOrder);
    int hypLen = hyp.length;
    int closest = -1;
    int[][][] refGrams = new int[references.size()][][];
    for (int r = 0; r < refGrams.length; r++) {
      int[] ref = tokenIds(references.get(r), tokens);
      int len = ref.length;
      if (closest < 0 || Math.abs(hypLen - len) < Math.abs(hypLen - closest)
          || (Math.abs(hypLen - len) == Math.abs(hypLen - closest) && len < closest)) {
        closest = len;
      }
      refGrams[r] = grams.ngrams(ref, maxOrder);
    }
    // Each n-gram's largest count in any one reference.
    int[] count = new int[grams.size()];
    int[] maxRef = new int[grams.size()];
    for (int[][] ref : refGrams) {
      for (int[] ids : ref) {
        for (int id : ids) {
          count[id]++;
        }
      }
      for (int[] ids : ref) {
        for (int id : ids) {
          maxRef[id] = Math.max(maxRef[id], count[id]);
        }
      }
      for (int[] ids : ref) {
        for (int id : ids) {
          count[id] = 0;
        }
      }
    }
    double[] stats = new double[size()];
    stats[0] = hypLen;
    stats[1] = closest;
    for (int n = 1; n <= maxOrder; n++) {
      // Clipped count: the k-th occurrence of an n-gram matches while k <= its reference maximum.
      int correct = 0;
      for (int id : hypGrams[n - 1]) {
        if (count[id]++ < maxRef[id]) {
          correct++;
        }
      }
      stats[1 + n] = correct;
      stats[1 + maxOrder + n] = Math.max(0, hypLen - n + 1);
    }
    return stats;
  }

  @Override
  public double segmentScore(double[] statistics) {
    return score(statistics, true);
  }

  @Override
  public double corpusScore(double[] summed) {
    return score(summed, effectiveOrder);
  }

  /** BLEU on 0-100 from a statistics vector. */
  double score(double[] s, boolean useEffectiveOrder) {
    double sysLen = s[0];
    double refLen = s[1];
    double bp = sysLen < refLen ? (sysLen > 0 ? Math.exp(1 - refLen / sysLen) : 0.0) : 1.0;
    boolean anyMatch = false;
    for (int n = 1; n <= maxOrder; n++) {
      anyMatch |= s[1 + n] > 0;
    }
    if (!anyMatch) {
      return 0.0;
    }
    double[] precision = new double[maxOrder];
    double zeroFactor = 1.0;
    int order = maxOrder;
    for (int n = 1; n <= maxOrder; n++) {
      double correct = s[1 + n];
      double total = s[1 + maxOrder + n];
      if (smoothing == Smoothing.ADD_K && n > 1) {
        correct += smoothValue;
        total += smoothValue;
      }
      if (total == 0) {
        break;
      }
      if (useEffectiveOrder) {
        order = n;
      }
      if (correct > 0) {
        precision[n - 1] = 100.0 * correct / total;
      } else if (smoothing == Smoothing.EXP) {
        zeroFactor *= 2;
        precision[n - 1] = 100.0 / (zeroFactor * total);
      } else if (smoothing == Smoothing.FLOOR) {
        precision[n - 1] = 100.0 * smoothValue / total;
      }
    }
    double logSum = 0;
    for (int i = 0; i < order; i++) {
      logSum += precision[i] == 0 ? LOG_ZERO : Math.log(precision[i]);
    }
    return bp * Math.exp(logSum / order);
  }
}
