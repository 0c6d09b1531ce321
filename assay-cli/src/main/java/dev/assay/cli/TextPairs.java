package dev.assay.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Dataset;
import dev.assay.core.Example;
import dev.assay.core.InputException;
import dev.assay.core.Invocation;
import dev.assay.core.Json;
import dev.assay.core.Output;
import dev.assay.core.SystemException;
import dev.assay.core.io.DatasetLoader;
import dev.assay.core.io.InputFiles;
import dev.assay.core.text.Plural;
import dev.assay.core.text.TerminalText;
import dev.assay.systems.PredictionsSystem;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins a predictions file ({@code {id, output}} JSONL) with a references file (dataset JSONL
 * {@code {id, reference}}) by id, in the order of the predictions file.
 *
 * <p>Ids must match both ways: a prediction without a reference, or a reference without a
 * prediction, is an input error naming the file and line of the first such id and listing the
 * first few. With {@code allowPartial} only the ids in both files are scored and the skipped ids
 * are counted in a warning on stderr; no id in common is an error either way.
 *
 * <p>Both files are read by the project's own readers, with their rules and messages: the
 * predictions by {@link PredictionsSystem} (the {@code predictions} adapter), the references by
 * {@link DatasetLoader}. A references file needs no {@code input} field, so the loader is told that
 * the example's input is its id.
 */
final class TextPairs {
  private static final int SHOWN = 5;

  /** One scored item: the reference example and the system's output. */
  record Pair(Example example, Output output) {}

  private TextPairs() {}

  static List<Pair> join(Path predictionsFile, Path referencesFile, boolean allowPartial, PrintWriter err) {
    PredictionsSystem predictions = PredictionsSystem.load(predictionsFile);
    Map<String, Integer> predictionLines = predictionLines(predictionsFile);
    Map<String, Example> references = new LinkedHashMap<>();
    for (Example e : references(referencesFile).examples()) {
      references.put(e.id(), e);
    }
    List<String> noReference = new ArrayList<>();
    List<Pair> pairs = new ArrayList<>();
    for (String id : predictionLines.keySet()) {
      Example example = references.get(id);
      if (example == null) {
        noReference.add(id);
      } else {
        pairs.add(new Pair(example, answer(predictions, example)));
      }
    }
    List<String> noPrediction = new ArrayList<>();
    for (String id : references.keySet()) {
      if (!predictionLines.containsKey(id)) {
        noPrediction.add(id);
      }
    }
    if (!allowPartial && !noReference.isEmpty()) {
      String first = noReference.get(0);
      throw new InputException(predictionsFile, predictionLines.get(first), "id",
          "no reference for id '" + first + "' in " + referencesFile.getFileName() + "; "
              + count(noReference, "prediction") + " without a reference: " + firstFew(noReference),
          "every predicted id in the references, or --allow-partial to score the ids in both");
    }
    if (!allowPartial && !noPrediction.isEmpty()) {
      String first = noPrediction.get(0);
      throw new InputException(referencesFile, references.get(first).line(), "id",
          "no prediction for id '" + first + "' in " + predictionsFile.getFileName() + "; "
              + count(noPrediction, "reference") + " without a prediction: " + firstFew(noPrediction),
          "a prediction for every reference, or --allow-partial to score the ids in both");
    }
    if (pairs.isEmpty()) {
      throw new InputException(predictionsFile, 0, "id", "no id is in both " + predictionsFile.getFileName()
          + " and " + referencesFile.getFileName(), "predictions and references with the same ids");
    }
    if (!noReference.isEmpty() || !noPrediction.isEmpty()) {
      List<String> skipped = new ArrayList<>();
      if (!noReference.isEmpty()) {
        skipped.add(count(noReference, "prediction") + " without a reference (" + firstFew(noReference) + ")");
      }
      if (!noPrediction.isEmpty()) {
        skipped.add(count(noPrediction, "reference") + " without a prediction (" + firstFew(noPrediction) + ")");
      }
      err.println("warning: scored the " + pairs.size() + " ids in both files; skipped " + String.join(" and ", skipped));
    }
    return pairs;
  }

  private static Dataset references(Path file) {
    ObjectNode fields = Json.object();
    fields.putArray("input").add("id");
    try {
      return DatasetLoader.load(file, "jsonl", fields);
    } catch (InputException e) {
      if ("id".equals(e.field()) && "missing".equals(e.getMessage())) {
        // The loader's hint speaks of suite field mappings, which this command does not expose.
        throw new InputException(e.file(), e.line(), "id", "missing", "the id of the example the reference is for");
      }
      throw e;
    }
  }

  private static Output answer(PredictionsSystem predictions, Example example) {
    try {
      return predictions.call(new Invocation(example, 0, 0, Duration.ZERO));
    } catch (SystemException e) {
      // Unreachable: the id was read from the same file.
      throw new IllegalStateException(e);
    }
  }

  /**
   * Each id of a predictions file with its line, in file order. {@link PredictionsSystem#load} has
   * already checked the file (encoding, JSON, id types, duplicates), so this pass only locates ids
   * for messages; lines are split on LF as that reader splits them.
   */
  private static Map<String, Integer> predictionLines(Path file) {
    String text = new String(InputFiles.readAll(file, file.toString(), "a predictions file (JSONL)",
        Integer.MAX_VALUE - 8), StandardCharsets.UTF_8);
    Map<String, Integer> out = new LinkedHashMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = i == 0 && lines[0].startsWith("\uFEFF") ? lines[0].substring(1) : lines[i];
      if (line.isBlank()) {
        continue;
      }
      JsonNode id = Json.read(line, JsonNode.class).get("id");
      out.put(id.isTextual() ? id.textValue() : id.bigIntegerValue().toString(), i + 1);
    }
    return out;
  }

  private static String count(List<String> ids, String what) {
    return Plural.of(ids.size(), what);
  }

  private static String firstFew(List<String> ids) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(SHOWN, ids.size()); i++) {
      sb.append(i == 0 ? "" : ", ").append('\'').append(TerminalText.escape(ids.get(i))).append('\'');
    }
    return ids.size() > SHOWN ? sb + ", ..." : sb.toString();
  }
}
