package dev.assay.core.io;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Dataset;
import dev.assay.core.DatasetSpec;
import dev.assay.core.Example;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a dataset file (JSONL or CSV) into a {@link Dataset}: examples in file order, ids
 * unique, and the dataset hash (see {@link DatasetHasher}).
 *
 * <p>Input must be strict UTF-8. Reading streams the file once; only the examples are kept in
 * memory. Any problem throws one {@link InputException} naming the file, the 1-based line (0 for
 * the whole file), the source field and what was expected; nothing is returned half-read.
 * Thread-safe (no shared state).
 */
public final class DatasetLoader {
  /** The dataset formats a suite may name. */
  public static final List<String> FORMATS = List.of("jsonl", "csv");

  private static final ObjectReader JSON_LINE =
      Json.MAPPER
          .reader()
          .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          // Messages quote the line and column themselves; keeping a reference to each line costs ~7%.
          .without(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION);

  private static final String ONE_OBJECT_PER_LINE = "one JSON object per line";

  private DatasetLoader() {}

  /**
   * The format implied by a file name: {@code jsonl} for {@code .jsonl} and {@code .ndjson},
   * {@code csv} for {@code .csv} (case-insensitive), else empty.
   */
  public static Optional<String> inferFormat(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    if (p.endsWith(".jsonl") || p.endsWith(".ndjson")) {
      return Optional.of("jsonl");
    }
    if (p.endsWith(".csv")) {
      return Optional.of("csv");
    }
    return Optional.empty();
  }

  /**
   * Loads the dataset of a suite. Errors name the file as written in the suite ({@link
   * DatasetSpec#path()}), which is relative to the suite's folder.
   */
  public static Dataset load(DatasetSpec spec) {
    FieldMapping mapping = FieldMapping.parse(spec.fields(), null, key -> spec.line());
    Dataset read = read(spec.resolved(), spec.path(), spec.format(), mapping);
    return spec.qrels() == null ? read : QrelsJoin.join(read, spec);
  }

  /**
   * Loads a dataset file directly (tests, command-line tools).
   *
   * @param format {@code jsonl} or {@code csv}; null to infer it from the file extension
   * @param fields the field mapping ({@code id}, {@code input}, {@code reference}, {@code tags});
   *     null or empty for the defaults
   */
  public static Dataset load(Path file, String format, ObjectNode fields) {
    String name = file.toString();
    FieldMapping mapping = FieldMapping.parse(fields, null, key -> 0);
    String f = format != null ? format : inferFormat(name).orElseThrow(() -> new InputException(name, 0, null,
        "cannot tell the dataset format from the file name", "a .jsonl, .ndjson or .csv file, or a format"));
    return read(file, name, f, mapping);
  }

  private static Dataset read(Path file, String name, String format, FieldMapping mapping) {
    if (!FORMATS.contains(format)) {
      throw new InputException(name, 0, "format", "unknown dataset format '" + format + "'", "jsonl or csv");
    }
    try (Utf8LineReader lines = new Utf8LineReader(InputFiles.open(file, name, "a dataset file"), name)) {
      boolean csv = format.equals("csv");
      ExampleMapper mapper = new ExampleMapper(name, mapping, csv);
      List<Example> examples = csv ? readCsv(lines, name, mapping, mapper) : readJsonl(lines, name, mapper);
      if (examples.isEmpty()) {
        // A run of zero examples would "pass" anything; an empty file is a mistake.
        throw new InputException(name, 0, null, "no examples",
            csv ? "a header row and at least one record" : "at least one JSON object, one per line");
      }
      return new Dataset(name, examples, mapper.hash());
    } catch (IOException e) {
      throw InputFiles.unreadable(file, name, "a dataset file", e);
    }
  }

  private static List<Example> readJsonl(Utf8LineReader lines, String name, ExampleMapper mapper) throws IOException {
    List<Example> examples = new ArrayList<>();
    ObjectNode node;
    while ((node = JsonLines.next(lines, JSON_LINE, name, ONE_OBJECT_PER_LINE)) != null) {
      examples.add(mapper.map(node, lines.lineNumber()));
    }
    return examples;
  }

  private static List<Example> readCsv(Utf8LineReader lines, String name, FieldMapping mapping, ExampleMapper mapper)
      throws IOException {
    CsvRecordReader reader = new CsvRecordReader(lines, name);
    CsvRecordReader.CsvRecord header = reader.next();
    if (header == null) {
      return List.of();
    }
    List<String> columns = header.fields();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < columns.size(); i++) {
      String c = columns.get(i);
      if (c.isEmpty()) {
        throw new InputException(name, header.line(), null, "empty name of column " + (i + 1) + " in the header",
            "a name for every column");
      }
      if (!seen.add(c)) {
        throw new InputException(name, header.line(), null, "column " + (i + 1) + " repeats the name of an earlier one "
            + HeaderColumns.quote(c), "distinct column names");
      }
    }
    checkColumns(mapping, columns, name, header.line());
    List<Example> examples = new ArrayList<>();
    CsvRecordReader.CsvRecord row;
    while ((row = reader.next()) != null) {
      if (row.fields().size() != columns.size()) {
        throw new InputException(name, row.line(), null, "row has " + row.fields().size() + " fields",
            columns.size() + " fields, as in the header");
      }
      ObjectNode record = Json.object();
      for (int i = 0; i < columns.size(); i++) {
        record.put(columns.get(i), row.fields().get(i));
      }
      examples.add(mapper.map(record, row.line()));
    }
    return examples;
  }

  /** Columns the mapping names must exist; a default name may be absent (except the input). */
  private static void checkColumns(FieldMapping mapping, List<String> columns, String name, int line) {
    List<String> required = new ArrayList<>(mapping.input());
    if (mapping.explicit().contains("id")) {
      required.add(mapping.id());
    }
    if (mapping.explicit().contains("reference")) {
      required.add(mapping.reference());
    }
    if (mapping.explicit().contains("tags")) {
      required.addAll(mapping.tags());
    }
    for (String c : required) {
      if (!columns.contains(c)) {
        throw new InputException(name, line, c, "no such column in the header", HeaderColumns.expected(c, columns));
      }
    }
  }
}
