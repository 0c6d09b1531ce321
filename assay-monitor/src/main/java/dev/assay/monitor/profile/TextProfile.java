package dev.assay.monitor.profile;

/**
 * A text column.
 *
 * @param name column
 * @param count non-empty texts
 * @param missing nulls and empty texts
 * @param invalid always 0
 * @param lengthMean mean length in characters
 * @param lengthStd population standard deviation of the length
 * @param model the embedding model's name
 * @param embeddings embeddings of a uniform sample of the texts (rows of equal dimension)
 * @param centroid mean of {@code embeddings}
 */
public record TextProfile(String name, long count, long missing, long invalid, double lengthMean, double lengthStd,
    String model, float[][] embeddings, double[] centroid) implements ColumnProfile {
  @Override
  public ColumnType type() {
    return ColumnType.TEXT;
  }
}
