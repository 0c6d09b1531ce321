package dev.assay.stats.bootstrap;

import dev.assay.stats.random.CounterRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
  /** Examples of each unit (concatenated indices). */
  final int[][] examplesOfUnit;
  /** First unit index of each group, plus a final sentinel. */
  final int[] groupUnitStart;

  private ResamplingUnits(int exampleCount, int[] unitOfExample, long[] unitHash,
      int[] unitGroup, int groupCount, int[][] examplesOfUnit, int[] groupUnitStart) {
    this.exampleCount = exampleCount;
    this.unitOfExample = unitOfExample;
    this.unitHash = unitHash;
    this.unitGroup = unitGroup;
    this.groupCount = groupCount;
    this.examplesOfUnit = examplesOfUnit;
    this.groupUnitStart = groupUnitStart;
  }

  static ResamplingUnits of(List<? extends KeyedRecords<?>> groups) {
    int exampleCount = groups.stream().mapToInt(KeyedRecords::size).sum();
    int[] unitOfExample = new int[exampleCount];
    List<Long> hashes = new ArrayList<>();
    List<Integer> unitGroups = new ArrayList<>();
    List<List<Integer>> members = new ArrayList<>();
    int[] groupUnitStart = new int[groups.size() + 1];
    int offset = 0;
    for (int g = 0; g < groups.size(); g++) {
      KeyedRecords<?> group = groups.get(g);
      groupUnitStart[g] = hashes.size();
      Map<String, Integer> unitByKey = new LinkedHashMap<>();
      Map<Long, String> keyByHash = new HashMap<>();
      for (int i = 0; i < group.size(); i++) {
        String key = group.unitKey(i);
        Integer unit = unitByKey.get(key);
        if (unit == null) {
          long hash = CounterRandom.hashId(key);
          String clash = keyByHash.putIfAbsent(hash, key);
          if (clash != null) {
            throw new IllegalArgumentException("ids '" + clash + "' and '" + key
                + "' have the same 64-bit hash; rename one of them");
          }
          unit = hashes.size();
          unitByKey.put(key, unit);
          hashes.add(hash);
          unitGroups.add(g);
          members.add(new ArrayList<>());
        }
        unitOfExample[offset + i] = unit;
        members.get(unit).add(offset + i);
      }
      offset += group.size();
    }
    groupUnitStart[groups.size()] = hashes.size();
    int units = hashes.size();
    long[] unitHash = new long[units];
    int[] unitGroup = new int[units];
    int[][] examplesOfUnit = new int[units][];
    for (int u = 0; u < units; u++) {
      unitHash[u] = hashes.get(u);
      unitGroup[u] = unitGroups.get(u);
      examplesOfUnit[u] = members.get(u).stream().mapToInt(Integer::intValue).toArray();
    }
    return new ResamplingUnits(exampleCount, unitOfExample, unitHash, unitGroup, groups.size(),
        examplesOfUnit, groupUnitStart);
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
