package dev.assay.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * A pre-registration: a hypothesis frozen together with the gate that will judge it and the
 * dataset it will be judged on, before any run (DESIGN.md "Plan").
 *
 * <p>Invariant: {@code hash} is the sha256 of the canonical JSON of {@link #toJson()} without its
 * {@code hash} key, so any edit of a stored plan (a later hypothesis, another gate) is detected
 * when it is read back. The gate is frozen by its hash (of the parsed gate section, so comments
 * and formatting do not count), the data by the dataset's content hash.
 *
 * @param hash sha256 of the plan's canonical JSON without the hash itself
 * @param createdAt when the plan was made; a verdict is pre-registered only if this precedes the runs
 * @param hypothesis the claim in the author's words, not blank
 * @param suitePath the suite the plan was made from, as given (for people; not matched)
 * @param suiteHash the suite's hash (recorded, not matched: the suite may change in ways that do not touch the gate or data)
 * @param datasetHash the dataset's content hash
 * @param gateHash the gate's hash (of its parsed section)
 * @param gateSource the file the gate came from
 */
public record Plan(String hash, Instant createdAt, String hypothesis, String suitePath, String suiteHash,
    String datasetHash, String gateHash, String gateSource) {
  /** The plan format this code writes and reads. */
  public static final int FORMAT_VERSION = 1;

  public Plan {
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(datasetHash, "datasetHash");
    Objects.requireNonNull(gateHash, "gateHash");
    if (hypothesis == null || hypothesis.isBlank()) {
      throw new IllegalArgumentException("a plan needs a hypothesis");
    }
  }

  /** A new plan; its hash is computed from the other fields. */
  public static Plan create(Instant createdAt, String hypothesis, String suitePath, String suiteHash,
      String datasetHash, String gateHash, String gateSource) {
    Plan unhashed = new Plan(null, createdAt, hypothesis.strip(), suitePath, suiteHash, datasetHash, gateHash,
        gateSource);
    return new Plan(unhashed.computeHash(), createdAt, unhashed.hypothesis(), suitePath, suiteHash, datasetHash,
        gateHash, gateSource);
  }

  /** The first 12 hex digits of the hash, enough to name a plan to a person. */
  public String shortHash() {
    return hash.substring(0, Math.min(12, hash.length()));
  }

  /** {@code {"format_version", "hash", "created_at", "hypothesis", "suite": {...}, "dataset_hash", "gate": {...}}}. */
  public ObjectNode toJson() {
    ObjectNode o = body();
    o.put("hash", hash);
    return o;
  }

  private ObjectNode body() {
    ObjectNode o = Json.object();
    o.put("format_version", FORMAT_VERSION);
    o.put("created_at", createdAt.toString());
    o.put("hypothesis", hypothesis);
    ObjectNode suite = o.putObject("suite");
    suite.put("path", suitePath);
    suite.put("hash", suiteHash);
    o.put("dataset_hash", datasetHash);
    ObjectNode gate = o.putObject("gate");
    gate.put("hash", gateHash);
    gate.put("source", gateSource);
    return o;
  }

  private String computeHash() {
    return Json.hash(body());
  }

  /**
   * Reads a stored plan and checks its hash.
   *
   * @throws InputException naming {@code file} when a field is missing or the hash does not match the content
   */
  public static Plan fromJson(JsonNode node, Path file) {
    if (!node.isObject()) {
      throw new InputException(file, 0, null, "a plan file must hold a JSON object", "a file written by assay plan");
    }
    int version = node.path("format_version").asInt(-1);
    if (version < 1 || version > FORMAT_VERSION) {
      throw new InputException(file, 0, "format_version", "unsupported plan format " + node.path("format_version"),
          "1 to " + FORMAT_VERSION);
    }
    Instant created;
    try {
      created = Instant.parse(text(node, "created_at", file));
    } catch (DateTimeParseException e) {
      throw new InputException(file, 0, "created_at", "not an ISO-8601 instant", "e.g. 2026-01-31T12:00:00Z");
    }
    String hypothesis = text(node, "hypothesis", file);
    if (hypothesis.isBlank()) {
      throw new InputException(file, 0, "hypothesis", "blank", "the plan's hypothesis");
    }
    Plan plan = new Plan(text(node, "hash", file), created, hypothesis, optional(node.path("suite"), "path"),
        optional(node.path("suite"), "hash"), text(node, "dataset_hash", file),
        text(node.path("gate"), "hash", file), optional(node.path("gate"), "source"));
    String actual = plan.computeHash();
    if (!actual.equals(plan.hash())) {
      throw new InputException(file, 0, "hash", "the plan was edited after it was made (its content hashes to "
          + actual + ")", "an unedited plan; make a new one with assay plan");
    }
    return plan;
  }

  private static String text(JsonNode node, String key, Path file) {
    JsonNode v = node.get(key);
    if (v == null || !v.isTextual()) {
      throw new InputException(file, 0, key, "missing or not a string", "the field written by assay plan");
    }
    return v.asText();
  }

  private static String optional(JsonNode node, String key) {
    JsonNode v = node.get(key);
    return v == null || !v.isTextual() ? null : v.asText();
  }
}
