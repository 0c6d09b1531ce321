package dev.assay.core.io;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.assay.core.Example;
import dev.assay.core.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Computes a dataset hash incrementally (docs/suites.md, "Dataset hash").
 *
 * <p>The hash is the sha256 of, for each example in order, the canonical JSON of {@code {"id":
 * ID, "content": CONTENT}} followed by {@code \n}, where CONTENT is {@link
 * Example#canonicalContent()} (as {@link Example#canonicalContentJson()} writes it). It therefore
 * depends on ids, inputs, references, tags, extra fields and order, and on nothing else: not on
 * formatting, key order, line numbers or the file format. Not thread-safe.
 */
public final class DatasetHasher {
  private final MessageDigest digest = Json.digest();

  /** Adds the next example. */
  public void add(Example example) {
    // Written straight from the example's fields (no content tree): the same bytes as the
    // tree's canonical form, at a fraction of the cost when a stored dataset of 100,000 examples
    // is checked on every read.
    add(example.id(), example.canonicalContentJson());
  }

  /**
   * Adds the next example given its id and the canonical JSON of its content (saves computing
   * the content twice when it was already needed to derive the id).
   */
  void add(String id, String canonicalContent) {
    // Canonical keys are sorted, so "content" precedes "id".
    String entry = "{\"content\":" + canonicalContent + ",\"id\":" + Json.canonical(TextNode.valueOf(id)) + "}\n";
    digest.update(entry.getBytes(StandardCharsets.UTF_8));
  }

  /** The lower-case hex hash of the examples added so far; ends this hasher's use. */
  public String hex() {
    return Json.hex(digest.digest());
  }

  /** The hash of {@code examples} in order. */
  public static String hash(Iterable<Example> examples) {
    DatasetHasher h = new DatasetHasher();
    examples.forEach(h::add);
    return h.hex();
  }
}
