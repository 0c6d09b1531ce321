package dev.assay.systems.retrieval;

import java.util.List;

/**
 * Maps texts to fixed-size vectors. Thread-safe.
 *
 * <p>{@link #name()} identifies the model and its version of pre-processing: embeddings cached
 * under one name are only reused by an embedder of the same name.
 */
public interface TextEmbedder {
  /** A stable, file-name-safe model name, e.g. {@code all-minilm-l6-v2}. */
  String name();

  int dimension();

  /** One vector of {@link #dimension()} floats per text, in order. */
  float[] embed(String text);

  /**
   * Vectors for many texts, in order; implementations may parallelise.
   *
   * @throws InterruptedException when interrupted while waiting for parallel work
   */
  default float[][] embedAll(List<String> texts) throws InterruptedException {
    float[][] out = new float[texts.size()][];
    for (int i = 0; i < out.length; i++) {
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      out[i] = embed(texts.get(i));
    }
    return out;
  }
}
