package dev.assay.registry.rerun;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Json;
import dev.assay.core.RunRecord;
import dev.assay.core.registry.Reproduction;
import dev.assay.stats.ConfidenceInterval;
import java.util.List;

/**
 * What re-executing a run showed (docs/registry.md "Reproducibility").
 *
 * @param original the run verified
 * @param rerun the new run made from its record
 * @param outcome reproducible, consistent (non-deterministic, within sampling error) or not reproducible
 * @param reason one sentence saying why
 * @param nondeterministic whether the system is treated as non-deterministic (repeats > 1 or a
 *     declared {@code nondeterministic: true})
 * @param contentChanged whether the system's content hash changed ({@code --allow-changed})
 * @param compared results compared (examples times repeats)
 * @param differing results that differ in output, error or a score
 * @param differences the differing results, first {@link #LISTED} of them
 * @param metrics each metric of the run (time measurements excluded), original against rerun
 * @param measurements metrics not compared because they measure time
 * @param reproductionId the stored verification's id
 */
public record Verification(RunRecord original, RunRecord rerun, Reproduction.Outcome outcome, String reason,
    boolean nondeterministic, boolean contentChanged, int compared, int differing, List<ExampleDifference> differences,
    List<MetricDifference> metrics, List<String> measurements, String reproductionId) {
  /** How many differing results are listed. */
  public static final int LISTED = 50;

  public Verification {
    differences = List.copyOf(differences);
    metrics = List.copyOf(metrics);
    measurements = List.copyOf(measurements);
  }

  /**
   * One result that differs.
   *
   * @param id the example id
   * @param repeat the repeat
   * @param changes what differs, e.g. {@code output}, {@code score ndcg_cut_10 0.5 -> 0.25}
   */
  public record ExampleDifference(String id, int repeat, List<String> changes) {
    public ExampleDifference {
      changes = List.copyOf(changes);
    }

    public ObjectNode toJson() {
      ObjectNode o = Json.object();
      o.put("id", id);
      o.put("repeat", repeat);
      ArrayNode a = o.putArray("changes");
      changes.forEach(a::add);
      return o;
    }
  }

  /**
   * A metric of the original and the rerun.
   *
   * @param metric the metric
   * @param original its value in the original run
   * @param rerun its value in the rerun
   * @param ci the paired interval of rerun minus original (non-deterministic systems with
   *     differences only), else null
   * @param withinSamplingError whether {@code ci} contains 0; null when no interval was computed
   */
  public record MetricDifference(String metric, double original, double rerun, ConfidenceInterval ci,
      Boolean withinSamplingError) {
    public double difference() {
      return rerun - original;
    }

    public ObjectNode toJson() {
      ObjectNode o = Json.object();
      o.put("metric", metric);
      number(o, "original", original);
      number(o, "rerun", rerun);
      number(o, "difference", difference());
      if (ci == null) {
        o.putNull("ci");
      } else {
        o.putArray("ci").add(ci.lower()).add(ci.upper());
        o.put("confidence", ci.confidence());
      }
      if (withinSamplingError == null) {
        o.putNull("within_sampling_error");
      } else {
        o.put("within_sampling_error", withinSamplingError);
      }
      return o;
    }

    private static void number(ObjectNode o, String key, double v) {
      if (Double.isFinite(v)) {
        o.put(key, v);
      } else {
        o.putNull(key);
      }
    }
  }

  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("outcome", outcome.wire());
    o.put("reason", reason);
    o.put("original_run", original.runId());
    o.put("rerun_run", rerun.runId());
    o.put("reproduction_id", reproductionId);
    o.put("system", original.systemName());
    o.put("nondeterministic", nondeterministic);
    o.put("content_changed", contentChanged);
    o.put("results_compared", compared);
    o.put("results_differing", differing);
    ArrayNode d = o.putArray("differences");
    differences.forEach(x -> d.add(x.toJson()));
    ArrayNode m = o.putArray("metrics");
    metrics.forEach(x -> m.add(x.toJson()));
    ArrayNode t = o.putArray("not_compared");
    measurements.forEach(t::add);
    return o;
  }
}
