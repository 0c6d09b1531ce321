package dev.assay.monitor.profile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link CategoricalProfile}. Counts are exact for up to {@link #MAX_TRACKED} distinct
 * labels; beyond that new labels are counted as "other" (a column with more distinct labels than
 * that is an id, not a category, and its drift is a schema question). A reference keeps its
 * {@code top} labels; a current profile counts the reference's labels and lists unseen ones.
 */
final class CategoricalAccumulator implements Accumulator {
  static final int MAX_TRACKED = 10_000;
  static final int UNSEEN_LISTED = 10;

  private final String name;
  private final int top;
  private final List<String> referenceLabels;
  private final Map<String, long[]> counts = new HashMap<>();
  private long count;
  private long missing;
  private long overflow;

  /**
   * @param referenceLabels the reference's labels when profiling current data, else null
   */
  CategoricalAccumulator(String name, int top, List<String> referenceLabels) {
    this.name = name;
    this.top = top;
    this.referenceLabels = referenceLabels;
  }

  /** The label of a cell: strings as they are, integers without ".0", booleans as true/false. */
  static String label(Object v) {
    if (v instanceof Double d) {
      double x = d;
      if (x == Math.rint(x) && Math.abs(x) < 1e15) {
        return Long.toString((long) x);
      }
      return Double.toString(x);
    }
    return v.toString();
  }

  @Override
  public void add(Object value, long priority) {
    if (value == null) {
      missing++;
      return;
    }
    count++;
    String l = label(value);
    long[] c = counts.get(l);
    if (c == null) {
      if (counts.size() >= MAX_TRACKED) {
        overflow++;
        return;
      }
      c = new long[1];
      counts.put(l, c);
    }
    c[0]++;
  }

  @Override
  public CategoricalProfile finish() {
    Map<String, Long> kept = new LinkedHashMap<>();
    long other = overflow;
    Map<String, Long> unseen = new LinkedHashMap<>();
    List<Map.Entry<String, long[]>> sorted = new ArrayList<>(counts.entrySet());
    sorted.sort((a, b) -> a.getValue()[0] != b.getValue()[0] ? Long.compare(b.getValue()[0], a.getValue()[0])
        : a.getKey().compareTo(b.getKey()));
    if (referenceLabels == null) {
      for (Map.Entry<String, long[]> e : sorted) {
        if (kept.size() < top) {
          kept.put(e.getKey(), e.getValue()[0]);
        } else {
          other += e.getValue()[0];
        }
      }
    } else {
      for (String l : referenceLabels) {
        long[] c = counts.get(l);
        kept.put(l, c == null ? 0 : c[0]);
      }
      java.util.Set<String> known = new java.util.HashSet<>(referenceLabels);
      for (Map.Entry<String, long[]> e : sorted) {
        if (!known.contains(e.getKey())) {
          other += e.getValue()[0];
          if (unseen.size() < UNSEEN_LISTED) {
            unseen.put(e.getKey(), e.getValue()[0]);
          }
        }
      }
    }
    return new CategoricalProfile(name, count, missing, 0, kept, other, counts.size(), unseen);
  }
}
