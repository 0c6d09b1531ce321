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
 * Example#canonicalContent()}. It therefore depends on ids, inputs, references, tags, extra fields
 * and order, and on nothing else: not on formatting, key order, line numbers or the file format.
 * Not thread-safe.
 */
public final class DatasetHasher {
  private final MessageDigest digest = Json.digest();

  /** Adds the next example. */
  public void add(Example example) {
    if (!plain(example)) {
      add(example.id(), Json.canonical(example.canonicalContent()));
      return;
    }
    // The commonest example (text input and reference, no extra fields) written straight in its
    // canonical form, without building its content as a tree: the same bytes (keys in sorted
    // order: content before id; extra, input, reference, tags), at a fraction of the cost when a
    // stored dataset of 100,000 examples is checked on every read.
    StringBuilder sb = new StringBuilder(96 + example.input().textValue().length());
    sb.append("{\"content\":{\"extra\":{},\"input\":");
    Json.quote(example.input().textValue(), sb);
    if (example.reference() != null) {
      sb.append(",\"reference\":");
      Json.quote(example.reference().textValue(), sb);
    }
    sb.append(",\"tags\":{");
    String[] names = example.tags().keySet().toArray(new String[0]);
    java.util.Arrays.sort(names);
    for (int i = 0; i < names.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      Json.quote(names[i], sb);
      sb.append(':');
      Json.quote(example.tags().get(names[i]), sb);
    }
    sb.append("}},\"id\":");
    Json.quote(example.id(), sb);
    sb.append("}\n");
    digest.update(sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Whether the example's content is text input, text (or no) reference, tags and no extra fields. */
  private static boolean plain(Example example) {
    return example.input().isTextual() && (example.reference() == null || example.reference().isTextual())
        && example.extra().isEmpty();
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
