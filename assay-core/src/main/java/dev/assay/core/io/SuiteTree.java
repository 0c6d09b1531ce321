package dev.assay.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.DidYouMean;
import dev.assay.core.InputException;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * A suite's parsed tree with the lines of its keys: locates fields and builds the {@link
 * InputException}s of suite validation.
 *
 * <p>Fields are addressed by their dotted path as users read it ({@code dataset.path}); the line
 * is looked up by JSON pointer, falling back to the nearest enclosing key (0 when the tree came
 * from JSON and has no lines).
 */
public final class SuiteTree {
  private final String file;
  private final Map<String, Integer> lines;

  public SuiteTree(String file, Map<String, Integer> lines) {
    this.file = file;
    this.lines = Map.copyOf(lines);
  }

  public String file() {
    return file;
  }

  /** The JSON pointer of {@code key} inside {@code pointer}. */
  public static String child(String pointer, String key) {
    return pointer + "/" + key.replace("~", "~0").replace("/", "~1");
  }

  /** The line of the key at {@code pointer}, or of its nearest enclosing key; 0 if none. */
  public int line(String pointer) {
    String p = pointer;
    while (!p.isEmpty()) {
      Integer l = lines.get(p);
      if (l != null) {
        return l;
      }
      p = p.substring(0, p.lastIndexOf('/'));
    }
    return 0;
  }

  public InputException error(String pointer, String field, String problem, String expected) {
    return new InputException(file, line(pointer), field, problem, expected);
  }

  /** A wrong value: {@code got VALUE (expected)}. */
  public InputException wrong(String pointer, String field, JsonNode value, String expected) {
    return error(pointer, field, "got " + Describe.node(value), expected);
  }

  /** Rejects keys of {@code node} outside {@code known}, suggesting the nearest known one. */
  public void onlyKeys(ObjectNode node, String pointer, String path, Collection<String> known) {
    Iterator<String> it = node.fieldNames();
    while (it.hasNext()) {
      String key = it.next();
      if (!known.contains(key)) {
        throw error(child(pointer, key), path.isEmpty() ? key : path + "." + key, "unknown key",
            DidYouMean.expected(key, known));
      }
    }
  }

  /** The mapping at {@code key} of {@code parent}, or null when absent. */
  public ObjectNode mapping(ObjectNode parent, String pointer, String field) {
    JsonNode v = parent.get(lastKey(pointer));
    if (v == null) {
      return null;
    }
    if (!v.isObject()) {
      throw wrong(pointer, field, v, "a mapping");
    }
    return (ObjectNode) v;
  }

  /** The non-empty string at {@code pointer} (a direct child of {@code parent}), or null. */
  public String string(ObjectNode parent, String pointer, String field) {
    JsonNode v = parent.get(lastKey(pointer));
    if (v == null) {
      return null;
    }
    if (!v.isTextual() || v.textValue().isEmpty()) {
      throw wrong(pointer, field, v, "a non-empty string");
    }
    return v.textValue();
  }

  private static String lastKey(String pointer) {
    return pointer.substring(pointer.lastIndexOf('/') + 1).replace("~1", "/").replace("~0", "~");
  }
}
