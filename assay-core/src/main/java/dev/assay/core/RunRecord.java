package dev.assay.core;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.text.Secrets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The header of a run: one system over one dataset under one suite (docs/run-record.md, format 2).
 *
 * <p>A run is self-contained: with its dataset, which the store keeps by {@code datasetHash}, it
 * can be reported, compared, clustered and resumed after the suite or dataset file has moved or
 * changed. Its system, engine settings and cluster field are typed fields, not read back out of
 * the suite; {@code suite} keeps the suite as parsed for people and for lineage. No URL in it
 * carries credentials: user info and secret-looking query values read {@code ***} ({@link
 * Secrets#stripUrlCredentials}).
 *
 * <p>Immutable; the store replaces the header when a run's status changes. Readers accept format 1
 * (whose system content hash sat inside {@code system_spec}, and which had no engine settings or
 * cluster field: those are then taken from its {@code suite}).
 *
 * @param system the system as declared (adapter type and parameters)
 * @param contentHash the hash of the content the system depends on beyond its spec (a corpus, a
 *     predictions file, a script), null when the spec says it all
 * @param engine the engine settings the run used, null only for format-1 records whose suite
 *     cannot be read
 * @param cluster the suite's {@code cluster:} field, null when none
 * @param failure why the run is {@link RunStatus#FAILED} (too many failed results, a metric that
 *     cannot be computed) or {@link RunStatus#ABORTED}, in one sentence; null otherwise
 * @param datasetLeftOut records of the dataset file that are not examples of the run: queries
 *     the suite's qrels file does not judge ({@link Dataset#leftOut()}); 0 when none (and then not
 *     written)
 * @param judges for each judged metric (an LLM judge), the identity hash of the judge that scored
 *     it ({@link Scorer#identities()}): calibrations of that judge apply to these scores; empty
 *     when the run has no judge or was made before judges were recorded
 */
public record RunRecord(
    int formatVersion,
    String runId,
    String suiteName,
    String suitePath,
    String suiteHash,
    ObjectNode suite,
    String systemName,
    @JsonProperty("system_spec") SystemSpec system,
    @JsonProperty("system_content_hash") String contentHash,
    String datasetPath,
    String datasetHash,
    int datasetSize,
    int repeats,
    List<String> metrics,
    EngineSettings engine,
    @JsonInclude(JsonInclude.Include.NON_NULL) String cluster,
    Lineage lineage,
    long seed,
    Instant startedAt,
    Instant endedAt,
    RunStatus status,
    Counts counts,
    Map<String, Double> aggregates,
    @JsonInclude(JsonInclude.Include.NON_NULL) String failure,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) int datasetLeftOut,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> judges) {
  /** The run-record format this code writes. Readers accept this and every earlier version. */
  public static final int FORMAT_VERSION = 2;

  public RunRecord {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(system, "system");
    // A run record is stored, exported and rendered: it keeps no URL credentials (user info,
    // ?api_key=), whether it is new or was stored before they were stripped. Resuming takes the
    // real URLs from the suite file (SuiteExecution).
    system = system.withoutUrlCredentials();
    suite = suite == null ? null : (ObjectNode) Secrets.stripUrlCredentials(suite);
    metrics = metrics == null ? List.of() : List.copyOf(metrics.stream().map(Secrets::stripUrlCredentials).toList());
    counts = counts == null ? Counts.ZERO : counts;
    aggregates = aggregates == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(aggregates));
    if (datasetLeftOut < 0) {
      throw new IllegalArgumentException("datasetLeftOut < 0: " + datasetLeftOut);
    }
    judges = judges == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(judges));
  }

  /** A header whose dataset file's records are all examples of the run, without judges. */
  public RunRecord(int formatVersion, String runId, String suiteName, String suitePath, String suiteHash,
      ObjectNode suite, String systemName, SystemSpec system, String contentHash, String datasetPath,
      String datasetHash, int datasetSize, int repeats, List<String> metrics, EngineSettings engine, String cluster,
      Lineage lineage, long seed, Instant startedAt, Instant endedAt, RunStatus status, Counts counts,
      Map<String, Double> aggregates, String failure) {
    this(formatVersion, runId, suiteName, suitePath, suiteHash, suite, systemName, system, contentHash, datasetPath,
        datasetHash, datasetSize, repeats, metrics, engine, cluster, lineage, seed, startedAt, endedAt, status, counts,
        aggregates, failure, 0, Map.of());
  }

  /**
   * Reads a header of format 1 or 2 (format 1 kept the content hash inside {@code system_spec}) and
   * upgrades it to the current format.
   */
  @JsonCreator
  static RunRecord fromJson(@JsonProperty("format_version") int formatVersion, @JsonProperty("run_id") String runId,
      @JsonProperty("suite_name") String suiteName, @JsonProperty("suite_path") String suitePath,
      @JsonProperty("suite_hash") String suiteHash, @JsonProperty("suite") ObjectNode suite,
      @JsonProperty("system_name") String systemName, @JsonProperty("system_spec") ObjectNode systemSpec,
      @JsonProperty("system_content_hash") String contentHash, @JsonProperty("dataset_path") String datasetPath,
      @JsonProperty("dataset_hash") String datasetHash, @JsonProperty("dataset_size") int datasetSize,
      @JsonProperty("repeats") int repeats, @JsonProperty("metrics") List<String> metrics,
      @JsonProperty("engine") EngineSettings engine, @JsonProperty("cluster") String cluster,
      @JsonProperty("lineage") Lineage lineage, @JsonProperty("seed") long seed,
      @JsonProperty("started_at") Instant startedAt, @JsonProperty("ended_at") Instant endedAt,
      @JsonProperty("status") RunStatus status, @JsonProperty("counts") Counts counts,
      @JsonProperty("aggregates") Map<String, Double> aggregates, @JsonProperty("failure") String failure,
      @JsonProperty("dataset_left_out") int datasetLeftOut,
      @JsonProperty("judges") Map<String, String> judges) {
    ObjectNode spec = systemSpec == null ? Json.object() : systemSpec;
    String content = contentHash;
    if (formatVersion < 2) {
      JsonNode inSpec = spec.get("content_hash");
      content = inSpec == null || inSpec.isNull() ? null : inSpec.asText();
      engine = engine != null ? engine : engineOfSuite(suite, spec);
      cluster = cluster != null ? cluster : clusterOfSuite(suite);
    }
    // Read records are upgraded: what this code holds (and writes back) is the current format.
    return new RunRecord(FORMAT_VERSION, runId, suiteName, suitePath, suiteHash, suite, systemName,
        SystemSpec.fromJson(spec), content, datasetPath, datasetHash, datasetSize, repeats, metrics, engine, cluster,
        lineage, seed, startedAt, endedAt, status, counts, aggregates, failure, datasetLeftOut, judges);
  }

  /** A new header of the current format (no end, counts, aggregates or failure yet). */
  public static RunRecord started(String runId, String suiteName, String suitePath, String suiteHash, ObjectNode suite,
      SystemSpec system, String contentHash, String datasetPath, String datasetHash, int datasetSize, int repeats,
      List<String> metrics, EngineSettings engine, String cluster, Lineage lineage, long seed, Instant startedAt) {
    return new RunRecord(FORMAT_VERSION, runId, suiteName, suitePath, suiteHash, suite, system.name(), system,
        contentHash, datasetPath, datasetHash, datasetSize, repeats, metrics, engine, cluster, lineage, seed, startedAt,
        null, RunStatus.RUNNING, Counts.ZERO, Map.of(), null);
  }

  /** A format-1 run's engine settings, from the suite it kept (defaults where it says nothing). */
  private static EngineSettings engineOfSuite(ObjectNode suite, ObjectNode spec) {
    JsonNode s = suite == null ? Json.object() : suite;
    JsonNode params = spec.path("params");
    JsonNode rpm = params.has("rate_limit_rpm") ? params.get("rate_limit_rpm") : s.get("rate_limit_rpm");
    Duration timeout = s.has("timeout") ? dev.assay.core.io.SuiteLoader.duration(s.get("timeout")) : null;
    try {
      return new EngineSettings(s.path("concurrency").asInt(8), timeout == null ? Duration.ofSeconds(60) : timeout,
          s.path("retries").asInt(2), rpm == null || !rpm.isNumber() ? null : rpm.doubleValue(), 1.0);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String clusterOfSuite(ObjectNode suite) {
    JsonNode c = suite == null ? null : suite.get("cluster");
    return c != null && c.isTextual() ? c.textValue() : null;
  }

  /** The same run with a new status, end time, counts and aggregates (and no failure). */
  public RunRecord finish(RunStatus newStatus, Instant ended, Counts newCounts, Map<String, Double> newAggregates) {
    return finish(newStatus, ended, newCounts, newAggregates, null);
  }

  /** The same run with a new status, end time, counts, aggregates and failure reason. */
  public RunRecord finish(RunStatus newStatus, Instant ended, Counts newCounts, Map<String, Double> newAggregates,
      String why) {
    return new RunRecord(formatVersion, runId, suiteName, suitePath, suiteHash, suite, systemName, system,
        contentHash, datasetPath, datasetHash, datasetSize, repeats, metrics, engine, cluster, lineage, seed, startedAt,
        ended, newStatus, newCounts, newAggregates, why, datasetLeftOut, judges);
  }

  /** The same run with the identities of the judges behind its judged metrics. */
  public RunRecord withJudges(Map<String, String> identities) {
    return new RunRecord(formatVersion, runId, suiteName, suitePath, suiteHash, suite, systemName, system,
        contentHash, datasetPath, datasetHash, datasetSize, repeats, metrics, engine, cluster, lineage, seed, startedAt,
        endedAt, status, counts, aggregates, failure, datasetLeftOut, identities);
  }

  /** The same run, reopened for {@code --resume}; written in the current format from then on. */
  public RunRecord reopen() {
    return new RunRecord(FORMAT_VERSION, runId, suiteName, suitePath, suiteHash, suite, systemName, system,
        contentHash, datasetPath, datasetHash, datasetSize, repeats, metrics, engine, cluster, lineage, seed, startedAt,
        null, RunStatus.RUNNING, counts, aggregates, null, datasetLeftOut, judges);
  }

  /** The same header, noting how many records of the dataset file are not examples of the run. */
  public RunRecord withDatasetLeftOut(int leftOut) {
    return new RunRecord(formatVersion, runId, suiteName, suitePath, suiteHash, suite, systemName, system,
        contentHash, datasetPath, datasetHash, datasetSize, repeats, metrics, engine, cluster, lineage, seed, startedAt,
        endedAt, status, counts, aggregates, failure, leftOut, judges);
  }

  /** Expected number of per-example results: examples times repeats. */
  public long expectedResults() {
    return (long) datasetSize * repeats;
  }

  /**
   * What identifies this run's answers in the response cache: the spec's hash, and the content
   * hash when the system has one.
   */
  public String cacheIdentity() {
    return contentHash == null ? system.hash() : system.hash() + ":" + contentHash;
  }

  public JsonNode toJson() {
    return Json.tree(this);
  }
}
