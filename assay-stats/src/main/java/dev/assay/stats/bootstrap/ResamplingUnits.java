package dev.assay.stats.bootstrap;

import dev.assay.stats.random.CounterRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The units that are resampled (examples, or clusters of examples) across one or more independent
 * groups, laid out over the concatenation of the groups' canonical example orders.
 *
 * <p>Invariants: every example belongs to exactly one unit; a unit belongs to one group; units of
 * a group are numbered in order of first appearance in canonical example order; distinct unit keys
 * of a group have distinct 64-bit hashes (checked, so no two units share a random stream).
 */
final class ResamplingUnits {

  final int exampleCount;
  final int[] unitOfExample;
  final long[] unitHash;
  final int[] unitGroup;
  final int groupCount;
  /**
   * Examples of each unit: those of unit u are {@code unitExamples[unitExampleStart[u] ..
   * unitExampleStart[u + 1])}, in canonical order. Two flat arrays rather than an array per unit:
   * a million units would otherwise be a million small objects for the garbage collector.
   */
  final int[] unitExampleStart;
  final int[] unitExamples;
  /** First unit index of each group, plus a final sentinel. */
  final int[] groupUnitStart;

  private ResamplingUnits(int exampleCount, int[] unitOfExample, long[] unitHash,
      int[] unitGroup, int groupCount, int[] unitExampleStart, int[] unitExamples,
      int[] groupUnitStart) {
    this.exampleCount = exampleCount;
    this.unitOfExample = unitOfExample;
    this.unitHash = unitHash;
    this.unitGroup = unitGroup;
    this.groupCount = groupCount;
    this.unitExampleStart = unitExampleStart;
    this.unitExamples = unitExamples;
    this.groupUnitStart = groupUnitStart;
  }

  static ResamplingUnits of(List<? extends KeyedRecords<?>> groups) {
    int exampleCount = groups.stream().mapToInt(KeyedRecords::size).sum();
    int[] unitOfExample = new int[exampleCount];
    // Arrays sized for the worst case (one unit per example) and trimmed at the end: at a million
    // examples, boxed lists and per-unit lists cost seconds; primitive arrays cost milliseconds.
    long[] hashes = new long[exampleCount];
    int[] unitGroups = new int[exampleCount];
    int[] memberCount = new int[exampleCount];
    int[] groupUnitStart = new int[groups.size() + 1];
    int units = 0;
    int offset = 0;
    for (int g = 0; g < groups.size(); g++) {
      KeyedRecords<?> group = groups.get(g);
      groupUnitStart[g] = units;
      if (group.isClustered()) {
        Map<String, Integer> unitByKey = new HashMap<>();
        for (int i = 0; i < group.size(); i++) {
          String key = group.unitKey(i);
          Integer unit = unitByKey.get(key);
          if (unit == null) {
            unit = units++;
            unitByKey.put(key, unit);
            hashes[unit] = CounterRandom.hashId(key);
            unitGroups[unit] = g;
          }
          unitOfExample[offset + i] = unit;
          memberCount[unit]++;
        }
      } else {
        // Ids are distinct (KeyedRecords checks), so example i is unit i of the group.
        for (int i = 0; i < group.size(); i++) {
          int unit = units++;
          hashes[unit] = CounterRandom.hashId(group.unitKey(i));
          unitGroups[unit] = g;
          unitOfExample[offset + i] = unit;
          memberCount[unit] = 1;
        }
      }
      checkDistinctHashes(group, hashes, groupUnitStart[g], units);
      offset += group.size();
    }
    groupUnitStart[groups.size()] = units;
    int[] unitExampleStart = new int[units + 1];
    for (int u = 0; u < units; u++) {
      unitExampleStart[u + 1] = unitExampleStart[u] + memberCount[u];
    }
    int[] next = Arrays.copyOf(unitExampleStart, units);
    int[] unitExamples = new int[exampleCount];
    for (int i = 0; i < exampleCount; i++) {
      unitExamples[next[unitOfExample[i]]++] = i;
    }
    return new ResamplingUnits(exampleCount, unitOfExample, Arrays.copyOf(hashes, units),
        Arrays.copyOf(unitGroups, units), groups.size(), unitExampleStart, unitExamples,
        groupUnitStart);
  }

  /**
   * Rejects two unit keys of one group whose hashes are equal (they would share a random
   * stream). Sorting a copy finds a clash in O(n log n) without boxing; only then are the keys
   * looked up, to name them in first-appearance order.
   */
  private static void checkDistinctHashes(KeyedRecords<?> group, long[] hashes, int from,
      int to) {
    long[] sorted = Arrays.copyOfRange(hashes, from, to);
    Arrays.sort(sorted);
    for (int j = 1; j < sorted.length; j++) {
      if (sorted[j] == sorted[j - 1]) {
        throw clash(group, sorted[j]);
      }
    }
  }

  private static IllegalArgumentException clash(KeyedRecords<?> group, long hash) {
    String first = null;
    for (int i = 0; i < group.size(); i++) {
      String key = group.unitKey(i);
      if (CounterRandom.hashId(key) != hash) {
        continue;
      }
      if (first == null) {
        first = key;
      } else if (!first.equals(key)) {
        return new IllegalArgumentException("ids '" + first + "' and '" + key
            + "' have the same 64-bit hash; rename one of them");
      }
    }
    throw new IllegalStateException("no two keys with hash " + hash);
  }

  /** True when every example is its own unit and unit u is example u (no clustering). */
  boolean isIdentity() {
    if (unitCount() != exampleCount) {
      return false;
    }
    for (int i = 0; i < exampleCount; i++) {
      if (unitOfExample[i] != i) {
        return false;
      }
    }
    return true;
  }

  int unitCount() {
    return unitHash.length;
  }

  int unitsInGroup(int group) {
    return groupUnitStart[group + 1] - groupUnitStart[group];
  }
}
