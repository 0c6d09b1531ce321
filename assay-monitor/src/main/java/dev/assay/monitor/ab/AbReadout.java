package dev.assay.monitor.ab;

import dev.assay.core.Verdict;
import dev.assay.stats.hypothesis.TestResult;
import java.util.List;

/**
 * An experiment's readout.
 *
 * @param source the events' source
 * @param config the settings
 * @param controlUnits units in the control
 * @param treatmentUnits units in the treatment
 * @param otherUnits rows of other variants (ignored)
 * @param srm the sample-ratio-mismatch test against the planned split
 * @param srmFlagged whether the SRM p-value is below the threshold (verdict withheld)
 * @param metrics one readout per metric, in the configuration's order
 * @param verdict PASS when every rule passes, FAIL when any fails, else INCONCLUSIVE (also when SRM is flagged)
 * @param reason a sentence explaining the verdict
 */
public record AbReadout(String source, AbConfig config, long controlUnits, long treatmentUnits, long otherUnits,
    TestResult srm, boolean srmFlagged, List<MetricReadout> metrics, Verdict verdict, String reason) {
  public AbReadout {
    metrics = List.copyOf(metrics);
  }
}
