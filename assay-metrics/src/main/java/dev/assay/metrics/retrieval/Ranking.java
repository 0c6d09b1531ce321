package dev.assay.metrics.retrieval;

import java.util.Arrays;

/**
 * The documents retrieved for one topic, in trec_eval's order.
 *
 * <p>trec_eval ignores the rank column: it sorts by score descending and breaks ties by document
 * id in <em>descending</em> byte order ({@code strcmp(b, a)}). Invariant: {@code docid(i)} is the
 * document at rank {@code i + 1} in that order; ids are distinct. Immutable.
 */
public final class Ranking {
  private final String[] docids;
  private final double[] scores;
  /** Hash codes of {@link #docids}, so joins with judgments touch no string that cannot match. */
  private final int[] hashes;

  private Ranking(String[] docids, double[] scores, int[] hashes) {
    this.docids = docids;
    this.scores = scores;
    this.hashes = hashes;
  }

  public int size() {
    return docids.length;
  }

  /** The document at rank {@code i + 1}. */
  public String docid(int i) {
    return docids[i];
  }

  public double score(int i) {
    return scores[i];
  }

  int hash(int i) {
    return hashes[i];
  }

  /** Collects the documents of one topic in any order; {@link #build} sorts once. */
  public static final class Builder {
    private final DocTable seen;
    private String[] docids;
    private double[] scores;
    private int[] hashes;
    private int size;

    public Builder() {
      this(16);
    }

    Builder(int expected) {
      seen = new DocTable(expected);
      docids = new String[Math.max(1, expected)];
      scores = new double[Math.max(1, expected)];
      hashes = new int[Math.max(1, expected)];
    }

    /** Number of documents added so far. */
    int size() {
      return size;
    }

    /** Adds a document; false when it is already present (nothing changes). Score must not be NaN. */
    public boolean add(String docid, double score) {
      if (Double.isNaN(score)) {
        throw new IllegalArgumentException("NaN score for document '" + docid + "'");
      }
      if (!seen.putIfAbsent(docid, size)) {
        return false;
      }
      if (size == docids.length) {
        docids = Arrays.copyOf(docids, size * 2);
        scores = Arrays.copyOf(scores, size * 2);
        hashes = Arrays.copyOf(hashes, size * 2);
      }
      docids[size] = docid;
      scores[size] = score;
      hashes[size] = docid.hashCode();
      size++;
      return true;
    }

    public Ranking build() {
      String[] d = Arrays.copyOf(docids, size);
      double[] s = Arrays.copyOf(scores, size);
      int[] h = Arrays.copyOf(hashes, size);
      if (!ordered(d, s)) {
        int[] order = TrecOrder.sort(d, s);
        String[] d2 = new String[size];
        double[] s2 = new double[size];
        int[] h2 = new int[size];
        for (int i = 0; i < size; i++) {
          d2[i] = d[order[i]];
          s2[i] = s[order[i]];
          h2[i] = h[order[i]];
        }
        d = d2;
        s = s2;
        h = h2;
      }
      return new Ranking(d, s, h);
    }

    // Runs are usually written in rank order already: check in O(n) before sorting.
    private static boolean ordered(String[] d, double[] s) {
      for (int i = 1; i < d.length; i++) {
        if (!TrecOrder.before(s[i - 1], d[i - 1], s[i], d[i])) {
          return false;
        }
      }
      return true;
    }
  }
}
