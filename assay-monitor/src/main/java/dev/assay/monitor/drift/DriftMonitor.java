package dev.assay.monitor.drift;

import dev.assay.monitor.data.Table;
import dev.assay.monitor.profile.Profile;
import dev.assay.monitor.profile.ProfileOptions;
import dev.assay.monitor.profile.Profiler;
import dev.assay.monitor.profile.Windowing;
import dev.assay.systems.retrieval.TextEmbedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The drift workflow shared by the command line and a server: profile current data against a
 * reference (per window when asked) and check each window.
 */
public final class DriftMonitor {
  private final Supplier<TextEmbedder> embedder;

  /** @param embedder the text embedder, loaded only when a text column is met */
  public DriftMonitor(Supplier<TextEmbedder> embedder) {
    this.embedder = embedder;
  }

  /**
   * The result of one check.
   *
   * @param reference the reference profile
   * @param currents the current profile of each window (one without windowing), in time order
   * @param reports the report of each window, in the same order
   */
  public record Result(Profile reference, List<Profile> currents, List<DriftReport> reports) {
    public boolean drifted() {
      return reports.stream().anyMatch(DriftReport::drifted);
    }
  }

  /** A reference profile of {@code table}. */
  public Profile profile(Table table, ProfileOptions options) {
    return new Profiler(options, embedder).reference(table);
  }

  /** Checks {@code current} against {@code reference}; {@code windowing} may be null. */
  public Result check(Profile reference, Table current, DriftConfig config, Windowing windowing) {
    ProfileOptions options = new ProfileOptions(null, Map.of(), reference.sampleSize(), 0, 0, 0, reference.seed());
    Map<String, Profile> windows = new Profiler(options, embedder).current(current, reference, windowing);
    DriftCheck check = new DriftCheck(config);
    List<Profile> currents = new ArrayList<>(windows.values());
    List<DriftReport> reports = new ArrayList<>();
    for (Profile p : currents) {
      reports.add(check.check(reference, p));
    }
    return new Result(reference, currents, reports);
  }
}
