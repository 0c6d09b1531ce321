package dev.assay.monitor.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.io.InputFiles;
import dev.assay.core.io.Utf8LineReader;
import dev.assay.core.text.JsonProblem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JSONL file, one object per line. Columns are the keys of the first object (or those of them the
 * caller names); a key missing from a later line is a missing value, a key the first line did not
 * have is ignored. Nested objects and arrays are kept as their JSON text. Blank lines are skipped.
 *
 * <p>Lines are parsed with a streaming parser straight into the row (no tree per line), which
 * matters at a million lines of a hundred keys.
 */
public final class JsonlTable implements Table {
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .build();
  private static final String ONE_OBJECT = "one JSON object per line";

  private final Path file;
  private final String name;
  private final List<String> columns;

  /**
   * @param file the file
   * @param name the file as the user wrote it
   * @param columns the columns to read, or null for the keys of the first object
   */
  public JsonlTable(Path file, String name, List<String> columns) {
    this.file = file;
    this.name = name;
    List<String> first = firstKeys();
    if (columns != null) {
      for (String c : columns) {
        if (!first.contains(c)) {
          throw new InputException(name, 0, c, "no such column (the first object has no such key)",
              "one of " + String.join(", ", first));
        }
      }
    }
    this.columns = columns != null ? List.copyOf(columns) : first;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<String> columns() {
    return columns;
  }

  @Override
  public void scan(RowConsumer consumer) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      index.put(columns.get(i), i);
    }
    Object[] row = new Object[columns.size()];
    boolean any = false;
    try (Utf8LineReader lines = new Utf8LineReader(InputFiles.open(file, name, "a JSONL data file"), name)) {
      String text;
      while ((text = lines.next()) != null) {
        if (text.isBlank()) {
          continue;
        }
        int line = lines.lineNumber();
        java.util.Arrays.fill(row, null);
        parse(text, line, index, row);
        any = true;
        consumer.accept(row, line);
      }
    } catch (IOException e) {
      throw InputFiles.unreadable(file, name, "a JSONL data file", e);
    }
    if (!any) {
      throw new InputException(name, 0, null, "no rows", "at least one JSON object, one per line");
    }
  }

  private void parse(String text, int line, Map<String, Integer> index, Object[] row) {
    try (JsonParser p = FACTORY.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new InputException(name, line, null, "not a JSON object", ONE_OBJECT);
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        JsonToken v = p.nextToken();
        Integer i = index.get(key);
        if (i == null) {
          p.skipChildren();
          continue;
        }
        row[i] = value(p, v);
      }
      if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
        throw new InputException(name, line, null, "text after the object", ONE_OBJECT);
      }
    } catch (JsonParseException e) {
      throw new InputException(name, line, null, JsonProblem.of(e), ONE_OBJECT);
    } catch (IOException e) {
      throw new InputException(name, line, null, "unreadable JSON: " + JsonProblem.words(e.getMessage()), ONE_OBJECT);
    }
  }

  private static Object value(JsonParser p, JsonToken v) throws IOException {
    return switch (v) {
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getDoubleValue();
      case VALUE_STRING -> p.getText();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> Json.MAPPER.writeValueAsString(Json.MAPPER.readTree(p));
    };
  }

  private List<String> firstKeys() {
    try (Utf8LineReader lines = new Utf8LineReader(InputFiles.open(file, name, "a JSONL data file"), name)) {
      String text;
      while ((text = lines.next()) != null) {
        if (text.isBlank()) {
          continue;
        }
        int line = lines.lineNumber();
        Set<String> keys = new LinkedHashSet<>();
        try (JsonParser p = FACTORY.createParser(text)) {
          if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new InputException(name, line, null, "not a JSON object", ONE_OBJECT);
          }
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            keys.add(p.currentName());
            p.nextToken();
            p.skipChildren();
          }
        } catch (JsonParseException e) {
          throw new InputException(name, line, null, JsonProblem.of(e), ONE_OBJECT);
        }
        if (keys.isEmpty()) {
          throw new InputException(name, line, null, "the first object has no keys", "the columns as keys");
        }
        return new ArrayList<>(keys);
      }
    } catch (IOException e) {
      throw InputFiles.unreadable(file, name, "a JSONL data file", e);
    }
    throw new InputException(name, 0, null, "no rows", "at least one JSON object, one per line");
  }
}
