package dev.assay.monitor.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Json;
import dev.assay.monitor.ab.AbReadout;
import dev.assay.monitor.ab.MetricReadout;
import dev.assay.monitor.stats.Estimate;

/** An A/B readout as JSON. */
public final class AbJson {
  private AbJson() {}

  public static ObjectNode of(AbReadout r) {
    ObjectNode o = Json.object();
    o.put("verdict", r.verdict().name());
    o.put("reason", r.reason());
    o.put("events", r.source());
    o.put("control", r.config().control());
    o.put("treatment", r.config().treatment());
    o.put("control_units", r.controlUnits());
    o.put("treatment_units", r.treatmentUnits());
    o.put("other_units", r.otherUnits());
    o.put("confidence", r.config().confidence());
    ObjectNode srm = o.putObject("srm");
    srm.put("test", r.srm().method());
    Numbers.put(srm, "chi_square", r.srm().statistic());
    Numbers.put(srm, "p_value", r.srm().pValue());
    srm.put("alpha", r.config().srmAlpha());
    srm.put("flagged", r.srmFlagged());
    ArrayNode planned = srm.putArray("planned_split");
    planned.add(r.config().split()[0]);
    planned.add(r.config().split()[1]);
    o.put("multiplicity", r.metrics().stream().anyMatch(m -> m.sequential() != null) ? "bonferroni (sequential)"
        : "holm");
    ArrayNode ms = o.putArray("metrics");
    for (MetricReadout m : r.metrics()) {
      ObjectNode j = ms.addObject();
      j.put("metric", m.metric().name());
      j.put("kind", m.metric().ratio() ? "ratio" : "mean");
      j.put("rule", m.metric().rule());
      j.put("margin", m.metric().margin().toString());
      j.put("lower_is_better", m.metric().lowerIsBetter());
      Numbers.put(j, "control", m.control());
      Numbers.put(j, "treatment", m.treatment());
      j.put("control_units", m.controlUnits());
      j.put("treatment_units", m.treatmentUnits());
      j.put("missing", m.missing());
      estimate(j, "difference", m.difference());
      if (m.unadjusted() != m.difference()) {
        estimate(j, "unadjusted_difference", m.unadjusted());
      }
      estimate(j, "relative_lift", m.lift());
      if (!Double.isNaN(m.theta())) {
        ObjectNode c = j.putObject("cuped");
        c.put("covariate", m.metric().covariate());
        Numbers.put(c, "theta", m.theta());
        Numbers.put(c, "variance_reduction", m.varianceReduction());
      }
      Numbers.put(j, "boundary", m.boundary());
      Numbers.put(j, "p_value", m.pValue());
      Numbers.put(j, "adjusted_p", m.adjustedP());
      if (m.sequential() != null) {
        ObjectNode s = j.putObject("sequential");
        s.put("method", "msprt-normal-mixture");
        s.put("looks", m.sequential().looks());
        Numbers.put(s, "always_valid_p", m.sequential().pValue());
        Numbers.put(s, "lower", m.sequential().lower());
        Numbers.put(s, "upper", m.sequential().upper());
        Numbers.put(s, "tau", m.sequential().tau());
      }
      j.put("verdict", m.verdict().name());
      j.put("reason", m.reason());
    }
    return o;
  }

  private static void estimate(ObjectNode parent, String key, Estimate e) {
    if (e == null) {
      parent.putNull(key);
      return;
    }
    ObjectNode o = parent.putObject(key);
    Numbers.put(o, "estimate", e.estimate());
    Numbers.put(o, "standard_error", e.standardError());
    if (e.interval() != null) {
      Numbers.put(o, "lower", e.interval().lower());
      Numbers.put(o, "upper", e.interval().upper());
    }
    Numbers.put(o, "p_value", e.pValue());
    o.put("method", e.method());
  }
}
