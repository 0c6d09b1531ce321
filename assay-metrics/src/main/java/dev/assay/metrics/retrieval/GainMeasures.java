package dev.assay.metrics.retrieval;

/**
 * Graded measures: ndcg, ndcg_cut_k, dcg, ideal_dcg, ndcg_rel, Rndcg, G, rbp and rbp_resid.
 *
 * <p>DCG discounts the gain at rank i by log2(i + 1) (Jarvelin and Kekalainen, as trec_eval 9).
 * Gains come from {@link GainSpec} (by default the grade), so they ignore the relevance threshold
 * except where stated. The ideal ranking orders every judged document by gain, retrieved or not.
 */
final class GainMeasures {
  private static final double[] DISCOUNT = new double[4096];

  static {
    for (int i = 0; i < DISCOUNT.length; i++) {
      DISCOUNT[i] = Math.log(2) / Math.log(i + 2.0);
    }
  }

  private GainMeasures() {}

  /** 1 / log2(i + 2): the discount of 0-based position i. */
  static double discount(int i) {
    return i < DISCOUNT.length ? DISCOUNT[i] : Math.log(2) / Math.log(i + 2.0);
  }

  static Measure ndcg(GainSpec spec, String name) {
    return Measure.mean(name, r -> {
      Gains g = r.gains(spec);
      double ideal = idealDcg(g, Integer.MAX_VALUE);
      return ideal > 0 ? dcg(r, g, Integer.MAX_VALUE) / ideal : 0;
    });
  }

  static Measure dcg(GainSpec spec, String name) {
    return Measure.mean(name, r -> dcg(r, r.gains(spec), Integer.MAX_VALUE));
  }

  static Measure idealDcg(GainSpec spec, String name) {
    return Measure.mean(name, r -> idealDcg(r.gains(spec), Integer.MAX_VALUE));
  }

  /** nDCG over the top k only, normalised by the ideal DCG of the top k. */
  static Measure ndcgCut(long k, GainSpec spec, String name) {
    int cut = (int) Math.min(k, Integer.MAX_VALUE);
    return Measure.mean(name, r -> {
      Gains g = r.gains(spec);
      double ideal = idealDcg(g, cut);
      return ideal > 0 ? dcg(r, g, cut) / ideal : 0;
    });
  }

  private static double dcg(JudgedRanking r, Gains g, int cut) {
    int n = Math.min(cut, r.numRet());
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double gain = g.gain(r.rel(i));
      if (gain != 0) {
        sum += gain * discount(i);
      }
    }
    return sum;
  }

  private static double idealDcg(Gains g, int cut) {
    double[] ideal = g.ideal();
    int n = Math.min(cut, ideal.length);
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += ideal[i] * discount(i);
    }
    return sum;
  }

  /**
   * nDCG averaged over the documents with positive gain: at each one retrieved, DCG so far over
   * ideal DCG so far; each one not retrieved contributes final DCG over full ideal DCG.
   */
  static Measure ndcgRel(GainSpec spec, String name) {
    return Measure.mean(name, r -> {
      Gains g = r.gains(spec);
      int positives = g.ideal().length;
      if (positives == 0) {
        return 0;
      }
      double dcg = 0;
      double ideal = 0;
      double sum = 0;
      int found = 0;
      int n = r.numRet();
      for (int i = 0; i < Math.max(n, positives); i++) {
        double gain = i < n ? g.gain(r.rel(i)) : 0;
        if (gain != 0) {
          dcg += gain * discount(i);
        }
        if (i < positives) {
          ideal += g.idealAt(i) * discount(i);
        }
        if (gain > 0) {
          sum += dcg / ideal;
          found++;
        }
      }
      sum += (positives - found) * dcg / ideal;
      return sum > 0 ? sum / positives : 0;
    });
  }

  /**
   * nDCG averaged at the "R levels": the ranks where the ideal gain drops (after the documents of
   * each positive gain level), plus the end of the ranking when it extends more than one document
   * past the last positive-gain ideal position (trec_eval's boundary rule). 0 when R = 0.
   */
  static Measure rndcg(GainSpec spec, String name) {
    return Measure.mean(name, r -> {
      if (r.numRel() == 0) {
        return 0;
      }
      Gains g = r.gains(spec);
      int n = r.numRet();
      double dcg = 0;
      double ideal = 0;
      double sum = 0;
      int boundaries = 0;
      double previous = g.topGain();
      int i = 0;
      // Positions scored against the ideal, while the ideal gain was still positive.
      for (; i < n && previous > 0; i++) {
        double current = g.idealAt(i);
        if (current != previous && ideal > 0) {
          sum += dcg / ideal;
          boundaries++;
        }
        previous = current;
        double gain = g.gain(r.rel(i));
        if (gain != 0) {
          dcg += gain * discount(i);
        }
        if (current > 0) {
          ideal += current * discount(i);
        }
      }
      if (i < n) {
        for (; i < n; i++) {
          double gain = g.gain(r.rel(i));
          if (gain != 0) {
            dcg += gain * discount(i);
          }
        }
        if (ideal > 0) {
          sum += dcg / ideal;
          boundaries++;
        }
      }
      // Ideal positions past the end of the ranking.
      for (; previous > 0; i++) {
        double current = g.idealAt(i);
        if (current != previous && ideal > 0) {
          sum += dcg / ideal;
          boundaries++;
        }
        previous = current;
        if (current > 0) {
          ideal += current * discount(i);
        }
      }
      return boundaries == 0 ? 0 : sum / boundaries;
    });
  }

  /**
   * G: each retrieved document with gain g at rank i contributes g / log2(2 + C(i) - S(i)), where
   * S(i) is the gain retrieved up to i and C(i) the ideal gain up to i counting each position as at
   * least 1; the sum is divided by the total ideal gain.
   */
  static Measure g(GainSpec spec, String name) {
    return Measure.mean(name, r -> {
      Gains g = r.gains(spec);
      double totalIdeal = 0;
      for (double x : g.ideal()) {
        totalIdeal += x;
      }
      if (totalIdeal <= 0) {
        return 0;
      }
      double retrieved = 0;
      double cost = 0;
      double sum = 0;
      for (int i = 0; i < r.numRet(); i++) {
        double gain = g.gain(r.rel(i));
        retrieved += gain;
        cost += Math.max(g.idealAt(i), 1.0);
        if (gain != 0) {
          sum += gain / RankMeasures.log2(2 + cost - retrieved);
        }
      }
      return sum / totalIdeal;
    });
  }

  /**
   * Rank-biased precision (Moffat and Zobel): (1 - p) * sum of gain(i) p^(i-1). Gains are scaled
   * to [0, 1] by (g - min) / (max - min) over the topic's gain levels when any lies outside it.
   */
  static Measure rbp(double p, GainSpec spec, String name) {
    return Measure.mean(name, r -> {
      Gains g = r.gains(spec);
      double min = g.minGain();
      double max = g.maxGain();
      boolean scale = (min < 0 || max > 1) && max > min;
      double sum = 0;
      double weight = 1;
      for (int i = 0; i < r.numRet(); i++) {
        int rel = r.rel(i);
        double gain = g.gain(rel);
        if (scale && rel >= 0) {
          gain = (gain - min) / (max - min);
        }
        if (gain != 0) {
          sum += gain * weight;
        }
        weight *= p;
      }
      return (1 - p) * sum;
    });
  }

  /**
   * The RBP residual: the weight RBP could still gain from unjudged documents and those past the
   * end, p^n + (1 - p) * sum over unjudged or unpooled ranks of p^(i-1); 0 when every retrieved
   * document is judged (trec_eval's convention).
   */
  static Measure rbpResidual(double p, String name) {
    return Measure.mean(name, r -> {
      double sum = 0;
      double weight = 1;
      boolean any = false;
      for (int i = 0; i < r.numRet(); i++) {
        if (r.rel(i) < 0) {
          any = true;
          sum += weight;
        }
        weight *= p;
      }
      return any ? weight + (1 - p) * sum : 0;
    }).lowerIsBetter().withZeroWhenUnranked();
  }
}
