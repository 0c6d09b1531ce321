package dev.assay.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Dataset;
import dev.assay.core.Example;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of the CSV loader over random rows (quotes, commas and line breaks inside values):
 * values and record lines survive, the hash equals that of the same content as JSONL, and a
 * short row is reported on the line its record starts.
 */
class CsvLoaderProperties {
  private static final ObjectNode TAG_COLUMNS = (ObjectNode) Json.object().set("tags", Json.MAPPER.createArrayNode().add("lang"));
  private static final List<String> HEADER = List.of("id", "input", "reference", "lang", "x_note");

  @Provide
  Arbitrary<List<List<String>>> rows() {
    return DatasetGenerators.texts(12, false).list().ofSize(4).list().ofMinSize(1).ofMaxSize(8);
  }

  /** Row i gets id "r<i>"; the other four values come from the generator. */
  private static List<List<String>> withIds(List<List<String>> values) {
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      List<String> r = new ArrayList<>();
      r.add("r" + i);
      r.addAll(values.get(i));
      rows.add(r);
    }
    return rows;
  }

  private static String field(String value, Random random) {
    boolean mustQuote = value.isEmpty() || value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0;
    return mustQuote || random.nextInt(4) == 0 ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
  }

  private static String csv(List<List<String>> rows, Random random, String eol) {
    StringBuilder sb = new StringBuilder(String.join(",", HEADER)).append(eol);
    for (List<String> row : rows) {
      List<String> cells = new ArrayList<>();
      row.forEach(v -> cells.add(field(v, random)));
      sb.append(String.join(",", cells)).append(eol);
    }
    return sb.toString();
  }

  private static Dataset load(String text, String name) throws IOException {
    Path dir = Files.createTempDirectory("assay-prop");
    Path file = dir.resolve(name);
    try {
      Files.write(file, text.getBytes(StandardCharsets.UTF_8));
      return DatasetLoader.load(file, null, name.endsWith(".csv") ? TAG_COLUMNS : null);
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
  }

  @Property(tries = 60, edgeCases = EdgeCasesMode.NONE)
  void valuesLinesAndHashSurvive(@ForAll("rows") List<List<String>> values, @ForAll long seed) throws IOException {
    Random random = new Random(seed);
    List<List<String>> rows = withIds(values);
    String text = csv(rows, random, random.nextBoolean() ? "\n" : "\r\n");
    Dataset d = load(text, "data.csv");
    StringBuilder jsonl = new StringBuilder();
    int line = 2;
    for (int i = 0; i < rows.size(); i++) {
      List<String> r = rows.get(i);
      Example e = d.examples().get(i);
      String context = "seed " + seed + ", row " + i + " of:\n" + text;
      assertThat(e.id()).as(context).isEqualTo(r.get(0));
      assertThat(e.input().textValue()).as(context).isEqualTo(r.get(1));
      assertThat(e.reference().textValue()).as(context).isEqualTo(r.get(2));
      assertThat(e.tags()).as(context).containsExactly(java.util.Map.entry("lang", r.get(3)));
      assertThat(e.extra().get("x_note").textValue()).as(context).isEqualTo(r.get(4));
      assertThat(e.line()).as(context).isEqualTo(line);
      line += 1 + r.stream().mapToInt(v -> (int) v.chars().filter(c -> c == '\n').count()).sum();
      ObjectNode o = Json.object().put("id", r.get(0)).put("input", r.get(1)).put("reference", r.get(2)).put("x_note", r.get(4));
      o.putObject("tags").put("lang", r.get(3));
      jsonl.append(Json.MAPPER.writeValueAsString(o)).append('\n');
    }
    assertThat(load(jsonl.toString(), "data.jsonl").hash()).as("seed %d:%n%s", seed, text).isEqualTo(d.hash());
  }

  @Property(tries = 60, edgeCases = EdgeCasesMode.NONE)
  void aShortRowIsReportedWhereItsRecordStarts(@ForAll("rows") List<List<String>> values, @ForAll long seed)
      throws IOException {
    Random random = new Random(seed);
    List<List<String>> rows = withIds(values);
    int k = random.nextInt(rows.size());
    int start = 2;
    for (int i = 0; i < k; i++) {
      start += 1 + rows.get(i).stream().mapToInt(v -> (int) v.chars().filter(c -> c == '\n').count()).sum();
    }
    rows.get(k).remove(rows.get(k).size() - 1);
    String text = csv(rows, random, "\n");
    try {
      load(text, "data.csv");
      throw new AssertionError("no error for seed " + seed + ":\n" + text);
    } catch (InputException e) {
      assertThat(e.render()).as("seed %d:%n%s", seed, text)
          .endsWith("data.csv:" + start + ": row has 4 fields (5 fields, as in the header)");
    }
  }
}
