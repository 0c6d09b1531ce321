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
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a YAML file into a JSON tree and records the line of every key and list item, so that
 * errors found later (unknown keys, wrong types) can name the line.
 *
 * <p>Lines are keyed by JSON pointer ({@code /systems/gpt/type}, {@code /metrics/0}). Aliases
 * ({@code *name}) are expanded to a copy of their anchored value. Duplicate keys, more than one
 * document and YAML syntax errors throw {@link InputException} with the line.
 */
public final class YamlTreeReader {
  /**
   * A parsed YAML document.
   *
   * @param root the top-level mapping
   * @param lines the 1-based line of each key and list item, by JSON pointer
   */
  public record YamlTree(ObjectNode root, Map<String, Integer> lines) {}

  private static final YAMLFactory YAML =
      YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final String SUITE = "a YAML mapping with dataset, systems and metrics";

  private final String file;
  /** What the file holds, for messages: "suite" or e.g. "gate". */
  private final String kind;
  private final String shape;
  private final Map<String, Integer> lines = new HashMap<>();
  private final Map<String, JsonNode> anchors = new HashMap<>();
  /** The dotted path of the mapping being read, to name the field of a duplicate key. */
  private String openMapping = "";

  private YamlTreeReader(String file, String kind, String shape) {
    this.file = file;
    this.kind = kind;
    this.shape = shape;
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
    YamlTreeReader reader = new YamlTreeReader(path.toString(), kind, shape);
    if (!Files.isRegularFile(path)) {
      throw new InputException(reader.file, 0, null, Files.isDirectory(path) ? "is a folder" : "file not found",
          "a " + kind + " file (YAML) at " + path.toAbsolutePath().normalize());
    }
    try (InputStream in = Files.newInputStream(path); JsonParser p = YAML.createParser(in)) {
      return reader.document(p);
    } catch (NoSuchFileException e) {
      throw new InputException(reader.file, 0, null, "file not found", "a " + reader.kind + " file (YAML)");
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
      throw new InputException(reader.file, lineOf(e), null, "invalid YAML: " + message, "valid YAML");
    } catch (IOException e) {
      throw new InputException(reader.file, 0, null, "cannot read the file: " + e.getMessage(), "a readable file");
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
      JsonNode target = anchors.get(alias);
      if (target == null) {
        throw new InputException(file, line(p), path, "unknown alias '*" + alias + "'",
            "an anchor '&" + alias + "' defined before it");
      }
      return target.deepCopy();
    }
    String anchor = p instanceof YAMLParser y ? y.getCurrentAnchor() : null;
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
      anchors.put(anchor, node);
    }
    return node;
  }

  private JsonNode decimal(JsonParser p, String path) throws IOException {
    try {
      return JsonNodeFactory.instance.numberNode(p.getDecimalValue());
    } catch (NumberFormatException e) {
      throw new InputException(file, line(p), path, "not a finite number: " + p.getText(), "a finite number");
    }
  }

  private ObjectNode mapping(JsonParser p, String pointer, String path) throws IOException {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    while (true) {
      openMapping = path;
      if (p.nextToken() != JsonToken.FIELD_NAME) {
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
    ArrayNode node = JsonNodeFactory.instance.arrayNode();
    int i = 0;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      String childPointer = pointer + "/" + i;
      lines.put(childPointer, line(p));
      node.add(value(p, childPointer, path + "[" + i + "]"));
      i++;
    }
    return node;
  }
}
