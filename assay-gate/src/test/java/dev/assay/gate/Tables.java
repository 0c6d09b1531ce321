package dev.assay.gate;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds score tables from arrays: example i has id "e" + i. */
final class Tables {
  private Tables() {}

  static ScoreTable of(String source, String metric, double[] values) {
    Map<String, Map<String, Double>> rows = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      rows.put("e" + i, Map.of(metric, values[i]));
    }
    return new ScoreTable(source, rows);
  }

  static Pairing pair(String metric, double[] baseline, double[] candidate) {
    return Pairing.of(of("base", metric, baseline), of("cand", metric, candidate), false);
  }

  /** 0/1 outcomes: the first {@code ones} of n are 1. */
  static double[] outcomes(int n, int ones) {
    double[] v = new double[n];
    for (int i = 0; i < ones; i++) {
      v[i] = 1;
    }
    return v;
  }
}
