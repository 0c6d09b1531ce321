package dev.assay.core;

import java.util.List;

/**
 * An ordered list of examples with its content hash.
 *
 * @param source the file it was read from, as named by the suite
 * @param examples in file order; ids are unique
 * @param hash sha256 over the canonical form (see docs/suites.md): reformatting the file, or
 *     reordering keys within a record, leaves it unchanged
 * @param leftOut records of the file that are not examples: queries a suite's qrels file does
 *     not judge (docs/suites.md, "Judgments from a qrels file"); 0 otherwise
 */
public record Dataset(String source, List<Example> examples, String hash, int leftOut) {
  public Dataset {
    examples = List.copyOf(examples);
    if (leftOut < 0) {
      throw new IllegalArgumentException("leftOut < 0: " + leftOut);
    }
  }

  /** A dataset of every record of its file. */
  public Dataset(String source, List<Example> examples, String hash) {
    this(source, examples, hash, 0);
  }

  public int size() {
    return examples.size();
  }
}
