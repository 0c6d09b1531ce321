package dev.assay.metrics.retrieval;

import java.util.HashMap;
import java.util.Map;

/**
 * One topic's ranking joined with its judgments at one relevance threshold: the input of every
 * measure (trec_eval's "res_rels").
 *
 * <p>Invariants: {@code rel(i)} is the grade of the document at rank {@code i + 1}, {@link
 * #NONPOOL} when the document is not in the qrels and {@link #UNJUDGED} when its qrels grade is
 * negative. A document is relevant when its grade is at least {@link #level()}. {@code
 * relevantInTop(k)} is the number of relevant documents among the first {@code min(k, numRet)}.
 * Derived arrays are built lazily; an instance is confined to one thread.
 */
final class JudgedRanking {
  static final int NONPOOL = -1;
  static final int UNJUDGED = -2;

  private final int[] rels;
  private final int level;
  private final TopicJudgments judgments;
  private final int numRel;
  private final int numRelRet;
  private final int[] relCum;
  private int[] relRanks;
  private double[] suffixMaxPrecision;
  private Gains defaultGains;
  private Map<GainSpec, Gains> customGains;

  private JudgedRanking(int[] rels, int level, TopicJudgments judgments) {
    this.rels = rels;
    this.level = level;
    this.judgments = judgments;
    this.numRel = judgments.countAtLeast(level);
    this.relCum = new int[rels.length + 1];
    for (int i = 0; i < rels.length; i++) {
      relCum[i + 1] = relCum[i] + (rels[i] >= level ? 1 : 0);
    }
    this.numRelRet = relCum[rels.length];
  }

  /**
   * Joins {@code ranking} with {@code judgments}.
   *
   * @param maxDocs only the first {@code maxDocs} documents count (trec_eval -M)
   * @param judgedOnly drop documents without a non-negative grade before ranking (trec_eval -J)
   */
  static JudgedRanking of(Ranking ranking, TopicJudgments judgments, int level, int maxDocs, boolean judgedOnly) {
    int n = Math.min(ranking == null ? 0 : ranking.size(), maxDocs);
    int[] rels = new int[n];
    int k = 0;
    for (int i = 0; i < n; i++) {
      int g = judgments.grade(ranking.docid(i), ranking.hash(i));
      int rel = g == TopicJudgments.NOT_IN_POOL ? NONPOOL : g < 0 ? UNJUDGED : g;
      if (!judgedOnly || rel >= 0) {
        rels[k++] = rel;
      }
    }
    return new JudgedRanking(k == n ? rels : java.util.Arrays.copyOf(rels, k), level, judgments);
  }

  /**
   * trec_eval -c's stand-in for a judged topic without a ranking (see {@link AllTopics}): one
   * document outside the pool, or no document when {@code judgedOnly} drops unpooled ones.
   */
  static JudgedRanking placeholder(TopicJudgments judgments, int level, boolean judgedOnly) {
    return new JudgedRanking(judgedOnly ? new int[0] : new int[] {NONPOOL}, level, judgments);
  }

  int level() {
    return level;
  }

  int numRet() {
    return rels.length;
  }

  int numRel() {
    return numRel;
  }

  int numRelRet() {
    return numRelRet;
  }

  /** Judged documents in the qrels below the threshold (trec_eval's num_nonrel for bpref). */
  int numJudgedNonrel() {
    return judgments.countJudgedBelow(level);
  }

  int rel(int i) {
    return rels[i];
  }

  boolean relevant(int i) {
    return rels[i] >= level;
  }

  /** Relevant documents among the first {@code min(k, numRet)}. */
  int relevantInTop(long k) {
    return relCum[(int) Math.min(k, rels.length)];
  }

  TopicJudgments judgments() {
    return judgments;
  }

  /** 1-based ranks of the relevant retrieved documents, increasing. */
  int[] relevantRanks() {
    if (relRanks == null) {
      int[] r = new int[numRelRet];
      int k = 0;
      for (int i = 0; i < rels.length; i++) {
        if (rels[i] >= level) {
          r[k++] = i + 1;
        }
      }
      relRanks = r;
    }
    return relRanks;
  }

  /**
   * Interpolated precision: element {@code r} (1-based rank) is the maximum precision at any rank
   * at or below {@code r}; element 0 equals element 1.
   */
  double[] interpolatedPrecision() {
    if (suffixMaxPrecision == null) {
      int n = rels.length;
      double[] m = new double[n + 2];
      double best = 0;
      for (int r = n; r >= 1; r--) {
        best = Math.max(best, (double) relCum[r] / r);
        m[r] = best;
      }
      m[0] = m.length > 1 ? m[1] : 0;
      suffixMaxPrecision = m;
    }
    return suffixMaxPrecision;
  }

  /** The gain table for {@code spec} on this topic (cached). */
  Gains gains(GainSpec spec) {
    if (spec.isDefault()) {
      if (defaultGains == null) {
        defaultGains = Gains.of(judgments, spec);
      }
      return defaultGains;
    }
    if (customGains == null) {
      customGains = new HashMap<>();
    }
    return customGains.computeIfAbsent(spec, s -> Gains.of(judgments, s));
  }
}
