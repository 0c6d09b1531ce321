package dev.assay.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A parsed suite (docs/suites.md): dataset, systems, metrics and run settings.
 *
 * @param name the suite's name (defaults to the file name without extension)
 * @param file the suite file
 * @param hash sha256 of the canonical JSON of the parsed YAML: comments and formatting do not
 *     change it
 * @param json the parsed YAML, kept in run records so {@code --resume} needs no suite file
 * @param dataset where the examples are
 * @param systems in declaration order, names unique
 * @param metrics metric specs ({@code NAME[:key=value]...}) in declaration order
 * @param concurrency in-flight examples per system, at least 1 (default 8)
 * @param timeout per-example timeout (default 60 s)
 * @param retries retries after the first attempt for transient errors (default 2)
 * @param rateLimitRpm requests per minute per system, null for no limit; a system's own
 *     {@code rate_limit_rpm} parameter overrides it
 * @param seed the seed of every random choice (default 0)
 * @param repeats how many times each example is run (default 1)
 */
public record Suite(
    String name,
    Path file,
    String hash,
    ObjectNode json,
    DatasetSpec dataset,
    List<SystemSpec> systems,
    List<String> metrics,
    int concurrency,
    Duration timeout,
    int retries,
    Double rateLimitRpm,
    long seed,
    int repeats) {
  public Suite {
    systems = List.copyOf(systems);
    metrics = List.copyOf(metrics);
  }

  public Optional<SystemSpec> system(String systemName) {
    return systems.stream().filter(s -> s.name().equals(systemName)).findFirst();
  }

  /**
   * The cluster key of the suite's comparisons ({@code cluster: FIELD}): the example field (a
   * tag or another field of the record) whose value groups correlated examples, e.g. several
   * questions about one document; comparisons then resample whole clusters. Empty when the suite
   * names none. {@link dev.assay.core.io.SuiteLoader} has checked that it is a non-empty string.
   */
  public Optional<String> cluster() {
    com.fasterxml.jackson.databind.JsonNode c = json == null ? null : json.get("cluster");
    return c != null && c.isTextual() ? Optional.of(c.textValue()) : Optional.empty();
  }
}
