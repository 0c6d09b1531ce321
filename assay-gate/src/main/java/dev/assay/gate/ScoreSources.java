package dev.assay.gate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.RunExport;
import dev.assay.core.io.InputFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Resolves a {@code BASE} or {@code CAND} argument of {@code assay compare}: an existing file is
 * a run export (a single JSON document with {@code run_id}, from {@code assay runs export}) or a
 * per-example score file (JSON Lines; always so for {@code .jsonl} and {@code .ndjson}); anything
 * else is looked up as a run id in the store.
 */
public final class ScoreSources {
  private ScoreSources() {}

  /**
   * @param argument as given on the command line
   * @param file the argument resolved against the working directory
   * @param store finds a stored run's scores by id (empty when unknown)
   */
  public static ScoreTable resolve(String argument, Path file, Function<String, Optional<ScoreTable>> store) {
    if (Files.isRegularFile(file)) {
      return readFile(file);
    }
    Optional<ScoreTable> stored = store.apply(argument);
    if (stored.isPresent()) {
      return stored.get();
    }
    if (InputFiles.exists(file)) {
      // Something is there but not a regular file (a directory, a FIFO, a broken link): say what.
      InputFiles.check(file, file.toString(), "a score file (JSONL) or a run export (JSON)");
    }
    throw InputException.of("'" + argument + "' is neither a file nor a run id in the store",
        "a run id from 'assay runs list', a run export (JSON) or a score file (JSONL)");
  }

  /** Reads a run export or a score file. */
  public static ScoreTable readFile(Path file) {
    InputFiles.check(file, file.toString(), "a score file (JSONL) or a run export (JSON)");
    String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
      return ScoreFileReader.read(file);
    }
    Optional<RunExport> export = asExport(file);
    if (export.isPresent()) {
      RunExport e = export.get();
      return ScoreTable.fromResults(e.run().runId(), e.examples());
    }
    return ScoreFileReader.read(file);
  }

  /** The run export in {@code file}, or empty when the file is not one JSON document with run_id. */
  static Optional<RunExport> asExport(Path file) {
    JsonNode doc;
    try {
      doc = Json.MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      // Not a single JSON document (e.g. JSON Lines): the score-file reader reports its problems.
      return Optional.empty();
    }
    if (doc == null || !doc.isObject() || !doc.has("run_id")) {
      return Optional.empty();
    }
    return Optional.of(RunExport.read(doc, file.toString()));
  }
}
