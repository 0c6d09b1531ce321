package dev.assay.gate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.CalibrationRecord;
import dev.assay.core.Json;

/**
 * Whether the judge behind a gate's metric meets the gate's {@link CalibrationRequirement}.
 *
 * @param requirement what the gate asked for
 * @param met whether a current calibration meets it
 * @param calibration the calibration found (met or not), null when none
 * @param reason one sentence
 */
public record CalibrationStatus(CalibrationRequirement requirement, boolean met, CalibrationRecord calibration,
    String reason) {
  /** {@code {metric, labels, min_kappa, weights, met, calibration_id, kappa, reason}}. */
  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("metric", requirement.metric());
    o.put("labels", requirement.labels());
    o.put("min_kappa", requirement.minKappa());
    o.put("weights", requirement.weights().wire());
    o.put("met", met);
    if (calibration == null) {
      o.putNull("calibration_id");
    } else {
      o.put("calibration_id", calibration.id());
      JsonNumbers.put(o, "kappa", CalibrationCheck.kappa(calibration, requirement));
    }
    o.put("reason", reason);
    return o;
  }
}
