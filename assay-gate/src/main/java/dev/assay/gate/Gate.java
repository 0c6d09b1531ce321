package dev.assay.gate;

import java.util.List;

/**
 * A gate: rules judged at a confidence level with multiplicity control.
 *
 * @param confidence two-sided confidence level of every rule's interval, in (0, 1)
 * @param multiplicity adjustment of the rules' p-values
 * @param power target power of the "n needed" of an inconclusive rule, in (0, 1)
 * @param rules at least one
 * @param source the file the gate came from (for messages), may be null
 * @param hash sha256 of the gate section's canonical JSON (null when built in code)
 * @param calibrations judged metrics whose rules count only with a calibrated judge (docs/judges.md)
 */
public record Gate(double confidence, Multiplicity multiplicity, double power, List<Rule> rules, String source,
    String hash, List<CalibrationRequirement> calibrations) {
  public Gate {
    rules = List.copyOf(rules);
    calibrations = calibrations == null ? List.of() : List.copyOf(calibrations);
    if (rules.isEmpty()) {
      throw new IllegalArgumentException("a gate needs at least one rule");
    }
  }

  /** A gate without calibration requirements. */
  public Gate(double confidence, Multiplicity multiplicity, double power, List<Rule> rules, String source,
      String hash) {
    this(confidence, multiplicity, power, rules, source, hash, List.of());
  }

  /** A gate built in code: no file, no hash. */
  public static Gate of(double confidence, Multiplicity multiplicity, List<Rule> rules) {
    return new Gate(confidence, multiplicity, 0.8, rules, null, null);
  }
}
