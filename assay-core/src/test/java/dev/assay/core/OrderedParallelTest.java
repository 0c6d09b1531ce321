package dev.assay.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OrderedParallelTest {
  @Test
  void resultsComeInIndexOrderForEverySize() {
    for (int n : new int[] {0, 1, 255, 256, 257, 511, 512, 513, 10_000}) {
      List<Integer> expected = IntStream.range(0, n).map(i -> i * 31 + 7).boxed().toList();
      assertThat(OrderedParallel.map(n, i -> i * 31 + 7)).as("n = %d", n).isEqualTo(expected);
    }
  }

  @Test
  void theFailureOfTheLowestIndexIsRethrownAsTheOriginalObject() {
    long seed = 20261128L;
    SplittableRandom random = new SplittableRandom(seed);
    for (int round = 0; round < 50; round++) {
      int n = 1 + random.nextInt(5_000);
      List<Integer> failing = new ArrayList<>();
      for (int k = 0; k < 1 + random.nextInt(4); k++) {
        failing.add(random.nextInt(n));
      }
      int first = failing.stream().mapToInt(Integer::intValue).min().orElseThrow();
      List<RuntimeException> thrown = new ArrayList<>();
      assertThatThrownBy(() -> OrderedParallel.map(n, i -> {
        if (failing.contains(i)) {
          RuntimeException e = new IllegalStateException("item " + i);
          synchronized (thrown) {
            thrown.add(e);
          }
          throw e;
        }
        return i;
      })).as("seed %d round %d", seed, round).hasMessage("item " + first)
          .satisfies(e -> assertThat(thrown).as("the original exception object").contains((RuntimeException) e));
    }
  }
}
