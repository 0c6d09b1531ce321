package dev.assay.monitor.profile;

import dev.assay.systems.retrieval.TextEmbedder;
import java.util.List;

/** Builds a {@link TextProfile}: lengths of all texts, embeddings of a sample of them. */
final class TextAccumulator implements Accumulator {
  private final String name;
  private final Reservoir<String> sample;
  private final TextEmbedder embedder;
  private long count;
  private long missing;
  private double mean;
  private double m2;

  TextAccumulator(String name, int sampleSize, TextEmbedder embedder) {
    this.name = name;
    this.sample = new Reservoir<>(sampleSize);
    this.embedder = embedder;
  }

  @Override
  public void add(Object value, long priority) {
    String s = value == null ? null : value instanceof String str ? str : CategoricalAccumulator.label(value);
    if (s == null || s.isBlank()) {
      missing++;
      return;
    }
    count++;
    double len = s.length();
    double d = len - mean;
    mean += d / count;
    m2 += d * (len - mean);
    if (sample.admits(priority)) {
      sample.offer(priority, s);
    }
  }

  @Override
  public TextProfile finish() {
    List<String> texts = sample.items();
    float[][] vectors;
    try {
      vectors = embedder.embedAll(texts);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while embedding column " + name, e);
    }
    double[] centroid = new double[embedder.dimension()];
    for (float[] v : vectors) {
      for (int i = 0; i < centroid.length; i++) {
        centroid[i] += v[i] / (double) vectors.length;
      }
    }
    return new TextProfile(name, count, missing, 0, count == 0 ? Double.NaN : mean,
        count == 0 ? Double.NaN : Math.sqrt(m2 / count), embedder.name(), vectors, centroid);
  }
}
