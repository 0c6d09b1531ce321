package dev.assay.core.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.MarkedYAMLException;
import dev.assay.core.InputException;
import dev.assay.core.text.JsonProblem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads a YAML file into a JSON tree and records the line of every key and list item, so that
 * errors found later (unknown keys, wrong types) can name the line.
 *
 * <p>Lines are keyed by JSON pointer ({@code /systems/gpt/type}, {@code /metrics/0}). Aliases
 * ({@code *name}) are expanded to a copy of their anchored value. Duplicate keys, more than one
 * document and YAML syntax errors throw {@link InputException} with the line.
 *
 * <p>Limits (docs/security.md), so that a hostile or mistaken file fails in milliseconds instead
 * of exhausting memory: the file holds at most {@link #MAX_BYTES} bytes of strict UTF-8; the tree
 * holds at most {@link #MAX_VALUES} values <em>after</em> expanding aliases (a "billion laughs"
 * file of nested aliases is refused before any copy is made); mappings and lists nest at most
 * {@link #MAX_DEPTH} deep. Each breach is one {@link InputException} naming the file and line.
 */
public final class YamlTreeReader {
  /**
   * A parsed YAML document.
   *
   * @param root the top-level mapping
   * @param lines the 1-based line of each key and list item, by JSON pointer
   */
  public record YamlTree(ObjectNode root, Map<String, Integer> lines) {}

  /** The largest YAML file read: 1 MiB. */
  public static final int MAX_BYTES = 1 << 20;
  /** The most values (scalars, lists, mappings) a document may expand to, aliases included. */
  public static final int MAX_VALUES = 100_000;
  /** The deepest nesting of lists and mappings. */
  public static final int MAX_DEPTH = 64;

  private static final YAMLFactory YAML = YAMLFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .loaderOptions(loaderOptions())
      .build();
  private static final String SUITE = "a YAML mapping with dataset, systems and metrics";

  private final String file;
  /** What the file holds, for messages: "suite" or e.g. "gate". */
  private final String kind;
  private final String shape;
  private final Map<String, Integer> lines = new HashMap<>();
  private final Map<String, Anchored> anchors = new HashMap<>();
  /** The dotted path of the mapping being read, to name the field of a duplicate key. */
  private String openMapping = "";
  /** Values built so far, copies of aliased values included. */
  private int values;
  private int depth;

  /** An anchored value and how many values it holds, which is what each alias to it costs. */
  private record Anchored(JsonNode node, int size) {}

  private YamlTreeReader(String file, String kind, String shape) {
    this.file = file;
    this.kind = kind;
    this.shape = shape;
  }

  private static LoaderOptions loaderOptions() {
    // A second line of defence: the reader below enforces the same limits in its own words.
    LoaderOptions o = new LoaderOptions();
    o.setCodePointLimit(MAX_BYTES);
    o.setNestingDepthLimit(MAX_DEPTH + 1);
    o.setMaxAliasesForCollections(MAX_VALUES);
    o.setAllowRecursiveKeys(false);
    return o;
  }

  /** Reads {@code path}; errors name it as {@code path.toString()}. */
  public static YamlTree read(Path path) {
    return read(path, "suite", SUITE);
  }

  /**
   * Reads {@code path}, a YAML file of another kind than a suite (e.g. a gate file).
   *
   * @param kind names the file in messages ("gate")
   * @param shape what the top-level mapping should hold, for messages
   */
  public static YamlTree read(Path path, String kind, String shape) {
    byte[] bytes = InputFiles.readAll(path, path.toString(), "a " + kind + " file (YAML)", MAX_BYTES);
    return parse(Utf8Text.decode(bytes, path.toString()), path, kind, shape);
  }

  /**
   * Parses YAML text that assay stored after reading it from {@code origin} (a promotion policy):
   * the same limits and checks as {@link #read(Path, String, String)}; errors name {@code origin}.
   */
  public static YamlTree parse(String text, Path origin, String kind, String shape) {
    YamlTreeReader reader = new YamlTreeReader(origin.toString(), kind, shape);
    if (text.length() > MAX_BYTES) {
      throw new InputException(reader.file, 0, null, "more than " + MAX_BYTES + " characters",
          "a " + kind + " of at most 1 MiB");
    }
    Path path = origin;
    try (JsonParser p = YAML.createParser(text)) {
      return reader.document(p);
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : lineOf(e);
      String problem = e.getProblem() != null ? e.getProblem() : firstLine(e.getOriginalMessage());
      throw new InputException(reader.file, line, null, "invalid YAML: " + problem.replace("\\t(TAB)", "tab"),
          "valid YAML; indent with spaces");
    } catch (JsonProcessingException e) {
      String message = firstLine(e.getOriginalMessage());
      if (message.startsWith("Duplicate field '")) {
        String key = message.substring("Duplicate field '".length(), message.length() - 1);
        throw new InputException(reader.file, lineOf(e), reader.child(key), "duplicate key",
            "each key once per mapping");
      }
      throw new InputException(reader.file, lineOf(e), null, "invalid YAML: " + JsonProblem.words(message),
          "valid YAML");
    } catch (IOException e) {
      throw InputFiles.unreadable(path, reader.file, "a " + kind + " file (YAML)", e);
    }
  }

  private static int lineOf(JsonProcessingException e) {
    return e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
  }

  private static String firstLine(String message) {
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  private String child(String key) {
    return openMapping.isEmpty() ? key : openMapping + "." + key;
  }

  private YamlTree document(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      throw new InputException(file, 0, null, "empty " + kind + " file", shape);
    }
    if (t != JsonToken.START_OBJECT) {
      throw new InputException(file, line(p), null, "the " + kind + " is not a mapping", shape);
    }
    ObjectNode root = (ObjectNode) value(p, "", "");
    if (p.nextToken() != null) {
      throw new InputException(file, line(p), null, "more than one YAML document", "one document per " + kind + " file");
    }
    return new YamlTree(root, lines);
  }

  private static int line(JsonParser p) {
    return p.currentTokenLocation().getLineNr();
  }

  /** The value whose first token is current; leaves its last token current. */
  private JsonNode value(JsonParser p, String pointer, String path) throws IOException {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (p instanceof YAMLParser y && y.isCurrentAlias()) {
      // Jackson reports an alias as a string token holding the alias name.
      String alias = p.getText();
      Anchored target = anchors.get(alias);
      if (target == null) {
        throw new InputException(file, line(p), path, "unknown alias '*" + alias + "'",
            "an anchor '&" + alias + "' defined before it");
      }
      // Charge the whole copy before making it: nested aliases grow exponentially.
      count(target.size(), p, path);
      return target.node().deepCopy();
    }
    String anchor = p instanceof YAMLParser y ? y.getCurrentAnchor() : null;
    int before = values;
    count(1, p, path);
    JsonNode node =
        switch (p.currentToken()) {
          case START_OBJECT -> mapping(p, pointer, path);
          case START_ARRAY -> list(p, pointer, path);
          case VALUE_STRING -> f.textNode(p.getText());
          case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
            case INT -> f.numberNode(p.getIntValue());
            case LONG -> f.numberNode(p.getLongValue());
            default -> f.numberNode(p.getBigIntegerValue());
          };
          case VALUE_NUMBER_FLOAT -> decimal(p, path);
          case VALUE_TRUE -> f.booleanNode(true);
          case VALUE_FALSE -> f.booleanNode(false);
          case VALUE_NULL -> f.nullNode();
          default -> throw new InputException(file, line(p), path, "unsupported YAML value (" + p.currentToken() + ")",
              "a string, number, boolean, list or mapping");
        };
    if (anchor != null) {
      anchors.put(anchor, new Anchored(node, values - before));
    }
    return node;
  }

  private void count(int more, JsonParser p, String path) {
    if (more > MAX_VALUES - values) {
      throw new InputException(file, line(p), path.isEmpty() ? null : path,
          "too many values: the " + kind + " expands to more than " + MAX_VALUES + " values (aliases included)",
          "a " + kind + " file of at most " + MAX_VALUES + " values after expanding *aliases; see docs/security.md");
    }
    values += more;
  }

  private void enter(JsonParser p, String path) {
    if (++depth > MAX_DEPTH) {
      throw new InputException(file, line(p), path.isEmpty() ? null : path,
          "nested too deeply (more than " + MAX_DEPTH + " levels of lists and mappings)",
          "at most " + MAX_DEPTH + " levels; see docs/security.md");
    }
  }

  private JsonNode decimal(JsonParser p, String path) throws IOException {
    try {
      return JsonNodeFactory.instance.numberNode(p.getDecimalValue());
    } catch (NumberFormatException e) {
      throw new InputException(file, line(p), path, "not a finite number: " + p.getText(), "a finite number");
    }
  }

  private ObjectNode mapping(JsonParser p, String pointer, String path) throws IOException {
    enter(p, path);
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    while (true) {
      openMapping = path;
      if (p.nextToken() != JsonToken.FIELD_NAME) {
        depth--;
        return node;
      }
      String key = p.currentName();
      String childPointer = pointer + "/" + key.replace("~", "~0").replace("/", "~1");
      String childPath = path.isEmpty() ? key : path + "." + key;
      lines.put(childPointer, line(p));
      p.nextToken();
      node.set(key, value(p, childPointer, childPath));
    }
  }

  private ArrayNode list(JsonParser p, String pointer, String path) throws IOException {
    enter(p, path);
    ArrayNode node = JsonNodeFactory.instance.arrayNode();
    int i = 0;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      String childPointer = pointer + "/" + i;
      lines.put(childPointer, line(p));
      node.add(value(p, childPointer, path + "[" + i + "]"));
      i++;
    }
    depth--;
    return node;
  }
}
