package dev.assay.systems.retrieval;

import java.util.List;

/**
 * Exact cosine k-NN over a matrix of unit vectors, one row per document (no approximation).
 *
 * <p>Invariant: every row has unit L2 norm (or is all zeros for an empty text), so a dot product
 * with a unit query is the cosine similarity. Immutable and thread-safe.
 */
public final class VectorIndex {
  private final String[] docids;
  private final float[] matrix;
  private final int dimension;

  /**
   * @param docids row ids
   * @param vectors one vector per id, each of the same length; normalised here (not modified)
   */
  public VectorIndex(String[] docids, float[][] vectors) {
    if (docids.length != vectors.length) {
      throw new IllegalArgumentException(docids.length + " ids but " + vectors.length + " vectors");
    }
    this.docids = docids.clone();
    this.dimension = vectors.length == 0 ? 0 : vectors[0].length;
    this.matrix = new float[docids.length * dimension];
    for (int i = 0; i < vectors.length; i++) {
      if (vectors[i].length != dimension) {
        throw new IllegalArgumentException("vector " + i + " has " + vectors[i].length + " dimensions, not " + dimension);
      }
      System.arraycopy(normalised(vectors[i]), 0, matrix, i * dimension, dimension);
    }
  }

  /** A copy of {@code v} scaled to unit L2 norm (all zeros stays all zeros). */
  public static float[] normalised(float[] v) {
    double sq = 0;
    for (float x : v) {
      sq += (double) x * x;
    }
    float[] out = v.clone();
    if (sq > 0) {
      double inv = 1 / Math.sqrt(sq);
      for (int i = 0; i < out.length; i++) {
        out[i] = (float) (out[i] * inv);
      }
    }
    return out;
  }

  public int size() {
    return docids.length;
  }

  public int dimension() {
    return dimension;
  }

  /** Row {@code i} (a copy). */
  public float[] row(int i) {
    float[] out = new float[dimension];
    System.arraycopy(matrix, i * dimension, out, 0, dimension);
    return out;
  }

  public String docid(int i) {
    return docids[i];
  }

  /** The {@code k} rows most similar to {@code query} (normalised here), cosine descending. */
  public List<Hit> nearest(float[] query, int k) {
    if (query.length != dimension) {
      throw new IllegalArgumentException("query has " + query.length + " dimensions, not " + dimension);
    }
    float[] q = normalised(query);
    double[] scores = new double[docids.length];
    for (int i = 0; i < docids.length; i++) {
      int base = i * dimension;
      float dot = 0;
      for (int j = 0; j < dimension; j++) {
        dot += matrix[base + j] * q[j];
      }
      scores[i] = dot;
    }
    return Hits.top(docids, scores, k);
  }
}
