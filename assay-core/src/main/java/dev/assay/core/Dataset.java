package dev.assay.core;

import java.util.List;

/**
 * An ordered list of examples with its content hash.
 *
 * @param source the file it was read from, as named by the suite
 * @param examples in file order; ids are unique
 * @param hash sha256 over the canonical form (see docs/suites.md): reformatting the file, or
 *     reordering keys within a record, leaves it unchanged
 */
public record Dataset(String source, List<Example> examples, String hash) {
  public Dataset {
    examples = List.copyOf(examples);
  }

  public int size() {
    return examples.size();
  }
}
