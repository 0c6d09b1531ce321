package dev.assay.gate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.ExampleResult;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.RunExport;
import dev.assay.core.RunRecord;
import dev.assay.core.RunRefs;
import dev.assay.core.Score;
import dev.assay.core.Store;
import dev.assay.core.io.InputFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Resolves a {@code BASE} or {@code CAND} argument: an existing file is a run export (a JSON
 * document with {@code run_id}, from {@code assay runs export}), the JSON of {@code assay score ...
 * --format json --per-example}, or a per-example score file (JSON Lines; always so for {@code
 * .jsonl} and {@code .ndjson}); anything else is a run id, or a unique prefix of one, in the store.
 */
final class Sides {
  private static final String WHAT = "a run export (JSON) or a score file (JSONL)";

  private Sides() {}

  static Side resolve(String argument, Path file, Store store) {
    if (Files.isRegularFile(file)) {
      return readFile(file);
    }
    if (InputFiles.exists(file)) {
      // Something is there but not a regular file (a folder, a FIFO, a broken link): say what.
      InputFiles.check(file, argument, WHAT);
    }
    RunRecord run;
    try {
      run = RunRefs.resolve(store, argument);
    } catch (InputException e) {
      throw InputException.of(e.getMessage() + "; it is not a file either",
          "a run id (or unique prefix) from 'assay runs list', a run export (JSON) or a score file (JSONL)");
    }
    return Side.ofRun(run, store.results(run.runId()));
  }

  static Side readFile(Path file) {
    InputFiles.check(file, file.toString(), WHAT);
    String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
      return scoreFile(file);
    }
    JsonNode doc;
    try {
      doc = Json.MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      // Not a single JSON document (e.g. JSON Lines): the score-file reader reports its problems.
      return scoreFile(file);
    }
    if (doc != null && doc.isObject() && doc.has("run_id")) {
      RunExport e = RunExport.read(doc, file.toString());
      List<ExampleResult> examples = e.examples();
      RunScores scores;
      try {
        scores = RunScores.of(e.run(), examples);
      } catch (InputException bad) {
        // Name the file the user gave, not the run id inside it.
        throw new InputException(file.toString(), 0, bad.field(), bad.getMessage(), bad.expected());
      }
      return new Side(e.run().runId(), e.run(), examples, scores, false);
    }
    if (doc != null && doc.isObject() && doc.has("metrics") && doc.has("n")) {
      return scoreJson(doc, file);
    }
    return scoreFile(file);
  }

  private static Side scoreFile(Path file) {
    RunScores scores = ScoreFileReader.read(file);
    return new Side(file.toString(), null, List.of(), scores, false);
  }

  /** The JSON of {@code assay score}: per-example values under {@code per_example} (or {@code per_query}). */
  private static Side scoreJson(JsonNode doc, Path file) {
    String name = file.toString();
    JsonNode per = doc.has("per_example") ? doc.get("per_example") : doc.get("per_query");
    if (per == null || !per.isObject()) {
      throw new InputException(name, 0, "per_example", "the scores have no per-example values",
          "the output of assay score ... --format json with --per-example (or --per-query)");
    }
    Map<String, List<Map<String, Score>>> rows = new LinkedHashMap<>();
    per.properties().forEach(e -> {
      if (!e.getValue().isObject()) {
        throw new InputException(name, 0, "per_example." + e.getKey(), "got " + e.getValue(),
            "an object of metric values");
      }
      Map<String, Score> values = new LinkedHashMap<>();
      e.getValue().properties().forEach(m -> {
        if (!m.getValue().isNull()) {
          values.put(m.getKey(), ScoreFileReader.score(m.getValue(), name, 0, "per_example." + e.getKey() + "."
              + m.getKey(), e.getKey()));
        }
      });
      rows.put(e.getKey(), List.of(values));
    });
    if (rows.isEmpty()) {
      throw new InputException(name, 0, "per_example", "no examples", "at least one scored example");
    }
    return new Side(name, null, List.of(), new RunScores(name, null, rows), false);
  }
}
