package dev.assay.core;

import java.util.Objects;

/**
 * A stored dataset described without its examples ({@link Store#datasets()}).
 *
 * @param hash the content hash it is stored under
 * @param source the file it was read from, as the suite named it (may be null)
 * @param size the number of examples
 */
public record DatasetInfo(String hash, String source, int size) {
  public DatasetInfo {
    Objects.requireNonNull(hash, "hash");
  }
}
