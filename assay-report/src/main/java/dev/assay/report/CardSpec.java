package dev.assay.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.InputException;
import dev.assay.core.io.YamlTreeReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the user writes about a model for its card (the parts no run can know). Every field is
 * optional text or a list of text; {@code model_details} is a mapping of the keys in {@link
 * #DETAIL_KEYS}. Unknown keys are errors naming their line, so a typo never silently drops a section.
 *
 * @param details model details (name, version, type, ...), in the file's order
 * @param sections the other fields by key, each a list of paragraphs or bullet items
 */
public record CardSpec(Map<String, String> details, Map<String, List<String>> sections) {
  /** Keys of {@code model_details}. */
  public static final List<String> DETAIL_KEYS = List.of("name", "version", "type", "developers", "date", "license",
      "contact", "citation", "description");
  /** Other top-level keys, each text or a list of text. */
  public static final List<String> SECTION_KEYS = List.of("intended_use", "out_of_scope", "factors", "metrics",
      "evaluation_data", "training_data", "ethical_considerations", "caveats", "recommendations");

  /** An empty card: every section will say "not provided". */
  public static CardSpec empty() {
    return new CardSpec(Map.of(), Map.of());
  }

  public static CardSpec read(Path file) {
    YamlTreeReader.YamlTree tree = YamlTreeReader.read(file, "card", "a YAML mapping with model_details, intended_use, "
        + "out_of_scope, caveats, ...");
    Map<String, String> details = new LinkedHashMap<>();
    Map<String, List<String>> sections = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> f : tree.root().properties()) {
      String key = f.getKey();
      int line = tree.lines().getOrDefault("/" + key, 0);
      if (key.equals("model_details")) {
        if (!f.getValue().isObject()) {
          throw new InputException(file, line, key, "not a mapping", "a mapping of " + String.join(", ", DETAIL_KEYS));
        }
        for (Map.Entry<String, JsonNode> d : f.getValue().properties()) {
          int l = tree.lines().getOrDefault("/model_details/" + d.getKey(), line);
          if (!DETAIL_KEYS.contains(d.getKey())) {
            throw new InputException(file, l, key + "." + d.getKey(), "unknown key",
                dev.assay.core.DidYouMean.expected(d.getKey(), DETAIL_KEYS));
          }
          if (!d.getValue().isValueNode() || d.getValue().isNull()) {
            throw new InputException(file, l, key + "." + d.getKey(), "not text", "a string");
          }
          details.put(d.getKey(), d.getValue().asText());
        }
      } else if (SECTION_KEYS.contains(key)) {
        sections.put(key, texts(file, line, key, f.getValue()));
      } else {
        List<String> known = new ArrayList<>(SECTION_KEYS);
        known.add(0, "model_details");
        throw new InputException(file, line, key, "unknown key", dev.assay.core.DidYouMean.expected(key, known));
      }
    }
    return new CardSpec(details, sections);
  }

  private static List<String> texts(Path file, int line, String key, JsonNode v) {
    List<String> out = new ArrayList<>();
    if (v.isValueNode() && !v.isNull()) {
      out.add(v.asText());
    } else if (v.isArray()) {
      for (JsonNode item : v) {
        if (!item.isValueNode() || item.isNull()) {
          throw new InputException(file, line, key, "a list item is not text", "text or a list of text");
        }
        out.add(item.asText());
      }
    } else {
      throw new InputException(file, line, key, "not text", "text or a list of text");
    }
    return out;
  }

  /** The user's text for a section, empty when absent. */
  public List<String> section(String key) {
    return sections.getOrDefault(key, List.of());
  }
}
