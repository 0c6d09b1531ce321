package dev.assay.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed suite (docs/suites.md): dataset, systems, metrics and run settings.
 *
 * @param name the suite's name (defaults to the file name without extension)
 * @param file the suite file
 * @param hash sha256 of the canonical JSON of the parsed YAML: comments and formatting do not
 *     change it
 * @param json the parsed YAML, kept in run records for lineage
 * @param lines the 1-based line of each key by JSON pointer (empty when rebuilt from JSON), so
 *     sections parsed later (the gate) name their lines without reading the file again
 * @param dataset where the examples are
 * @param systems in declaration order, names unique
 * @param metrics metric specs ({@code NAME[:key=value]...}) in declaration order
 * @param engine concurrency, timeout, retries, rate limit and max error rate (a system's own
 *     {@code rate_limit_rpm} parameter overrides the rate limit: {@link #engineFor})
 * @param seed the seed of every random choice (default 0)
 * @param repeats how many times each example is run (default 1)
 * @param cluster the example field that groups correlated examples ({@code cluster: FIELD}), null
 *     when the suite names none
 */
public record Suite(
    String name,
    Path file,
    String hash,
    ObjectNode json,
    Map<String, Integer> lines,
    DatasetSpec dataset,
    List<SystemSpec> systems,
    List<String> metrics,
    EngineSettings engine,
    long seed,
    int repeats,
    String cluster) {
  public Suite {
    systems = List.copyOf(systems);
    metrics = List.copyOf(metrics);
    lines = lines == null ? Map.of() : Map.copyOf(lines);
  }

  public Optional<SystemSpec> system(String systemName) {
    return systems.stream().filter(s -> s.name().equals(systemName)).findFirst();
  }

  /** The cluster field, if the suite names one. */
  public Optional<String> clusterField() {
    return Optional.ofNullable(cluster);
  }

  /** The engine settings of one system: its own {@code rate_limit_rpm} wins over the suite's. */
  public EngineSettings engineFor(SystemSpec spec) {
    var rpm = spec.params().get("rate_limit_rpm");
    if (rpm == null || !rpm.isNumber()) {
      return engine;
    }
    return new EngineSettings(engine.concurrency(), engine.timeout(), engine.retries(), rpm.doubleValue(),
        engine.maxErrorRate());
  }
}
