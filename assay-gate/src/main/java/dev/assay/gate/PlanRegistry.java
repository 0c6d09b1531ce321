package dev.assay.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.io.InputFiles;
import dev.assay.core.text.JsonProblem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The plans of a store: one JSON file per plan, {@code <folder>/<plan hash>.json}, each written
 * atomically. Plans are never overwritten with different content (the name is the content's
 * hash), so a plan cannot be quietly amended after the runs.
 */
public final class PlanRegistry {
  private static final String PLAN_FILE = "a plan file written by assay plan";
  /** Plans are a few hundred bytes; anything near this is not one. */
  private static final long MAX_PLAN_BYTES = 1 << 20;

  /** The folder name of the plans beside a store file. */
  public static final String FOLDER = "plans";

  private final Path folder;

  /** @param folder where the plan files live; it need not exist yet */
  public PlanRegistry(Path folder) {
    this.folder = folder;
  }

  /** The registry of the store whose file is {@code storeFile}: {@code plans/} beside it. */
  public static PlanRegistry beside(Path storeFile) {
    return new PlanRegistry(storeFile.toAbsolutePath().normalize().resolveSibling(FOLDER));
  }

  public Path folder() {
    return folder;
  }

  /** Writes {@code plan} and returns its file. */
  public Path save(Plan plan) {
    Path file = folder.resolve(plan.hash() + ".json");
    try {
      AtomicFiles.write(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(plan.toJson()) + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a plan", e);
    }
    return file;
  }

  /**
   * Every plan, oldest first; none when the folder does not exist. Temporary files of an
   * interrupted write are ignored.
   *
   * @throws InputException when a plan file is unreadable or was edited after it was made
   */
  public List<Plan> all() {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    List<Plan> plans = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")
          && !p.getFileName().toString().startsWith(".")).sorted().toList()) {
        plans.add(read(f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
    }
    plans.sort(Comparator.comparing(Plan::createdAt).thenComparing(Plan::hash));
    return List.copyOf(plans);
  }

  private static Plan read(Path file) {
    byte[] bytes = InputFiles.readAll(file, file.toString(), PLAN_FILE, MAX_PLAN_BYTES);
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new InputException(file, 0, null, "invalid UTF-8", PLAN_FILE);
    }
    try {
      Plan plan = Plan.fromJson(Json.MAPPER.readTree(text), file);
      if (!file.getFileName().toString().equals(plan.hash() + ".json")) {
        throw new InputException(file, 0, "hash", "the file name does not match the plan's hash " + plan.hash(),
            "the name assay plan gave it");
      }
      return plan;
    } catch (JsonProcessingException e) {
      throw new InputException(file, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), null,
          JsonProblem.of(e), PLAN_FILE);
    }
  }
}
