package dev.assay.gate;

import dev.assay.stats.multiplicity.BenjaminiHochberg;
import dev.assay.stats.multiplicity.HolmBonferroni;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Multiplicity control across the statistical rules of a gate. */
public enum Multiplicity {
  /** Holm-Bonferroni step-down: family-wise error rate under any dependence (the default). */
  HOLM,
  /** Bonferroni: family-wise error rate; never better than Holm, kept for comparison. */
  BONFERRONI,
  /** Benjamini-Hochberg: false discovery rate (independent or positively dependent p-values). */
  BH,
  /** No adjustment. */
  NONE;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Adjusted p-values, in input order. An empty input gives an empty output. */
  public double[] adjust(double[] p) {
    if (p.length == 0) {
      return p;
    }
    return switch (this) {
      case HOLM -> HolmBonferroni.adjust(p);
      case BH -> BenjaminiHochberg.adjust(p);
      case BONFERRONI -> Arrays.stream(p).map(v -> Math.min(1, v * p.length)).toArray();
      case NONE -> p.clone();
    };
  }

  public static List<String> names() {
    return Arrays.stream(values()).map(Multiplicity::wire).toList();
  }

  public static Optional<Multiplicity> parse(String name) {
    return Arrays.stream(values()).filter(m -> m.wire().equals(name)).findFirst();
  }
}
