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

  private Ranking(String[] docids, double[] scores) {
    this.docids = docids;
    this.scores = scores;
  }

  /** A ranking in exactly the given order (scores descend from {@code n} to 1). */
  public static Ranking ofOrder(java.util.List<String> docids) {
    Builder b = new Builder(docids.size());
    int n = docids.size();
    for (int i = 0; i < n; i++) {
      if (!b.add(docids.get(i), n - i)) {
        throw new IllegalArgumentException("duplicate document '" + docids.get(i) + "'");
      }
    }
    return b.build();
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

  /** trec_eval's order: true when (s1, d1) ranks before (s2, d2). */
  static boolean before(double s1, String d1, double s2, String d2) {
    if (s1 != s2) {
      return s1 > s2;
    }
    return DocIds.compare(d1, d2) > 0;
  }

  /** Collects the documents of one topic in any order; {@link #build} sorts once. */
  public static final class Builder {
    private final DocTable seen;
    private String[] docids;
    private double[] scores;
    private int size;

    public Builder() {
      this(16);
    }

    Builder(int expected) {
      seen = new DocTable(expected);
      docids = new String[Math.max(1, expected)];
      scores = new double[Math.max(1, expected)];
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
      }
      docids[size] = docid;
      scores[size] = score;
      size++;
      return true;
    }

    public Ranking build() {
      String[] d = Arrays.copyOf(docids, size);
      double[] s = Arrays.copyOf(scores, size);
      if (!ordered(d, s)) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
          order[i] = i;
        }
        mergeSort(order, new int[size], 0, size, d, s);
        String[] d2 = new String[size];
        double[] s2 = new double[size];
        for (int i = 0; i < size; i++) {
          d2[i] = d[order[i]];
          s2[i] = s[order[i]];
        }
        d = d2;
        s = s2;
      }
      return new Ranking(d, s);
    }

    // Runs are usually written in rank order already: check in O(n) before sorting.
    private static boolean ordered(String[] d, double[] s) {
      for (int i = 1; i < d.length; i++) {
        if (!before(s[i - 1], d[i - 1], s[i], d[i])) {
          return false;
        }
      }
      return true;
    }

    private static void mergeSort(int[] a, int[] tmp, int lo, int hi, String[] d, double[] s) {
      if (hi - lo <= 16) {
        for (int i = lo + 1; i < hi; i++) {
          int x = a[i];
          int j = i - 1;
          while (j >= lo && before(s[x], d[x], s[a[j]], d[a[j]])) {
            a[j + 1] = a[j];
            j--;
          }
          a[j + 1] = x;
        }
        return;
      }
      int mid = (lo + hi) >>> 1;
      mergeSort(a, tmp, lo, mid, d, s);
      mergeSort(a, tmp, mid, hi, d, s);
      if (!before(s[a[mid]], d[a[mid]], s[a[mid - 1]], d[a[mid - 1]])) {
        return;
      }
      System.arraycopy(a, lo, tmp, lo, hi - lo);
      int i = lo;
      int j = mid;
      for (int k = lo; k < hi; k++) {
        if (j >= hi || (i < mid && !before(s[tmp[j]], d[tmp[j]], s[tmp[i]], d[tmp[i]]))) {
          a[k] = tmp[i++];
        } else {
          a[k] = tmp[j++];
        }
      }
    }
  }
}
