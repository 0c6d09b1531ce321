package dev.assay.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CompactMapTest {
  @Test
  void behavesAsTheLinkedHashMapItCopies() {
    Random random = new Random(20261207);
    for (int size = 0; size <= CompactMap.MAX_ENTRIES + 3; size++) {
      Map<String, Integer> source = new LinkedHashMap<>();
      while (source.size() < size) {
        source.put("k" + random.nextInt(1000), random.nextInt(3) == 0 ? null : random.nextInt());
      }
      Map<String, Integer> copy = CompactMap.copyOf(source);
      assertThat(copy).as("size " + size).isEqualTo(source).hasSameHashCodeAs(source);
      assertThat(new ArrayList<>(copy.keySet())).containsExactlyElementsOf(source.keySet());
      assertThat(new ArrayList<>(copy.values())).containsExactlyElementsOf(source.values());
      for (String k : source.keySet()) {
        assertThat(copy.containsKey(k)).isTrue();
        assertThat(copy.get(k)).isEqualTo(source.get(k));
      }
      assertThat(copy.containsKey("absent")).isFalse();
      assertThat(copy.get("absent")).isNull();
      List<String> seen = new ArrayList<>();
      copy.forEach((k, v) -> seen.add(k));
      assertThat(seen).containsExactlyElementsOf(source.keySet());
      assertThatThrownBy(() -> copy.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> copy.entrySet().iterator().next().setValue(1))
          .isInstanceOf(RuntimeException.class);
      source.clear();
      assertThat(copy).hasSize(size);
      String[] keys = seen.toArray(String[]::new);
      assertThat(CompactMap.of(keys, copy.values().toArray(Integer[]::new), size)).isEqualTo(copy);
    }
  }

  @Test
  void aCompactMapIsNotCopiedAgain() {
    Map<String, Score> scores = CompactMap.copyOf(Map.of("f1", Score.of(0.5)));
    assertThat(CompactMap.copyOf(scores)).isSameAs(scores);
    ExampleResult r = new ExampleResult("a", 0, 0, null, scores, null, null, null, null, null, 1, false);
    assertThat(r.scores()).isSameAs(scores);
  }

  @Test
  void aRepeatedKeyIsRefused() {
    assertThatThrownBy(() -> CompactMap.of(new String[] {"a", "b", "a"}, new Integer[] {1, 2, 3}, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate key a");
    String[] many = new String[CompactMap.MAX_ENTRIES + 2];
    for (int i = 0; i < many.length; i++) {
      many[i] = "k" + (i % (many.length - 1));
    }
    assertThatThrownBy(() -> CompactMap.of(many, new Integer[many.length], many.length))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
