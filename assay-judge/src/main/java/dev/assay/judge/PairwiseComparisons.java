package dev.assay.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.io.InputFiles;
import dev.assay.core.io.JsonLines;
import dev.assay.core.io.Utf8LineReader;
import dev.assay.core.text.Excerpt;
import dev.assay.stats.preference.BradleyTerryBootstrap.Comparison;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A file of pairwise comparisons of several systems (docs/judges.md, "Ranking several systems"):
 * JSON Lines, one comparison per line,
 *
 * <pre>{"id": "q1", "a": "model-x", "b": "model-y", "winner": "a"}</pre>
 *
 * <p>{@code a} and {@code b} name two different systems (non-blank strings); {@code winner} is
 * {@code "a"}, {@code "b"} or {@code "tie"} (any case); {@code id} (optional) names what was
 * compared and is not used. {@code assay judge pairwise --comparisons FILE} writes this format.
 *
 * <p>Invariants: {@link #systems()} are in order of first appearance; every comparison's indices are
 * into it; at least one comparison.
 *
 * @param systems the systems' names
 * @param comparisons in file order, a tie scored ½
 * @param source the file as the user named it
 */
public record PairwiseComparisons(List<String> systems, List<Comparison> comparisons, String source) {
  /** Comparison files are far smaller than this. */
  public static final long MAX_BYTES = 256L << 20;
  private static final String LINE_SHAPE = "a JSON object {\"a\": system, \"b\": system, \"winner\": \"a\" | \"b\" | "
      + "\"tie\"}";
  private static final ObjectReader JSON_LINE = Json.MAPPER.reader();

  public PairwiseComparisons {
    systems = List.copyOf(systems);
    comparisons = List.copyOf(comparisons);
  }

  /**
   * Reads a comparisons file.
   *
   * @param name the file as the user wrote it, for messages
   * @throws InputException naming the file, line and field of the first problem, or when the file
   *     holds no comparison
   */
  public static PairwiseComparisons read(Path file, String name) {
    byte[] bytes = InputFiles.readAll(file, name, "a pairwise comparisons file", MAX_BYTES);
    Map<String, Integer> index = new LinkedHashMap<>();
    List<Comparison> comparisons = new ArrayList<>();
    try (Utf8LineReader lines = new Utf8LineReader(new ByteArrayInputStream(bytes), name)) {
      ObjectNode o;
      while ((o = JsonLines.next(lines, JSON_LINE, name, LINE_SHAPE)) != null) {
        int line = lines.lineNumber();
        String a = system(o, "a", name, line);
        String b = system(o, "b", name, line);
        if (a.equals(b)) {
          throw new InputException(name, line, "b", "the same system as 'a'", "two different systems");
        }
        double score = score(o.get("winner"), name, line);
        int ia = index.computeIfAbsent(a, k -> index.size());
        int ib = index.computeIfAbsent(b, k -> index.size());
        comparisons.add(new Comparison(ia, ib, score));
      }
    } catch (IOException e) {
      throw InputFiles.unreadable(file, name, "a pairwise comparisons file", e);
    }
    if (comparisons.isEmpty()) {
      throw new InputException(name, 0, null, "no comparisons", "at least one line " + LINE_SHAPE);
    }
    return new PairwiseComparisons(new ArrayList<>(index.keySet()), comparisons, name);
  }

  private static String system(ObjectNode o, String field, String file, int line) {
    JsonNode v = o.get(field);
    if (v == null || !v.isTextual() || v.textValue().isBlank()) {
      throw new InputException(file, line, field, v == null ? "missing" : "not a system name",
          "the name of a system (a non-blank string)");
    }
    return v.textValue();
  }

  private static double score(JsonNode v, String file, int line) {
    String w = v != null && v.isTextual() ? v.textValue().strip().toLowerCase(Locale.ROOT) : "";
    return switch (w) {
      case "a" -> 1;
      case "b" -> 0;
      case "tie" -> 0.5;
      default -> throw new InputException(file, line, "winner",
          v == null ? "missing" : "got " + Excerpt.of(v.toString()), "\"a\", \"b\" or \"tie\"");
    };
  }
}
