package dev.assay.systems.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Fusion scores computed by hand; the hybrid retriever ranks by them. */
class FusionTest {
  private static final List<Hit> LEXICAL = List.of(new Hit("a", 12.0), new Hit("b", 8.0), new Hit("c", 2.0));
  private static final List<Hit> DENSE = List.of(new Hit("c", 0.9), new Hit("d", 0.7), new Hit("a", 0.5));

  @Test
  void rrfSumsReciprocalRanks() {
    Map<String, Double> f = new Fusion.Rrf(60).fuse(LEXICAL, DENSE);
    assertThat(f).hasSize(4);
    assertThat(f.get("a")).isCloseTo(1 / 61.0 + 1 / 63.0, within(1e-15));
    assertThat(f.get("b")).isCloseTo(1 / 62.0, within(1e-15));
    assertThat(f.get("c")).isCloseTo(1 / 63.0 + 1 / 61.0, within(1e-15));
    assertThat(f.get("d")).isCloseTo(1 / 62.0, within(1e-15));
  }

  @Test
  void weightedFusionMinMaxNormalisesEachRanking() {
    Map<String, Double> f = new Fusion.Weighted(0.25).fuse(LEXICAL, DENSE);
    // lexical normalised: a 1, b 0.6, c 0; dense normalised: c 1, d 0.5, a 0.
    assertThat(f.get("a")).isCloseTo(0.75 * 1 + 0.25 * 0, within(1e-12));
    assertThat(f.get("b")).isCloseTo(0.75 * 0.6, within(1e-12));
    assertThat(f.get("c")).isCloseTo(0.75 * 0 + 0.25 * 1, within(1e-12));
    assertThat(f.get("d")).isCloseTo(0.25 * 0.5, within(1e-12));
  }

  @Test
  void aRankingWithEqualScoresNormalisesToOne() {
    Map<String, Double> f = new Fusion.Weighted(0.5).fuse(List.of(new Hit("x", 3), new Hit("y", 3)), List.of());
    assertThat(f).containsOnlyKeys("x", "y");
    assertThat(f.get("x")).isEqualTo(0.5);
  }

  @Test
  void hybridRanksByFusedScoreTiesByDocidDescending() throws Exception {
    Retriever lexical = (q, k) -> LEXICAL.subList(0, Math.min(k, 3));
    Retriever dense = (q, k) -> DENSE.subList(0, Math.min(k, 3));
    try (HybridRetriever h = new HybridRetriever(lexical, dense, new Fusion.Rrf(60), 10)) {
      // a and c tie (1/61 + 1/63), b and d tie (1/62): larger docid first.
      assertThat(h.search("q", 10)).extracting(Hit::docid).containsExactly("c", "a", "d", "b");
      assertThat(h.search("q", 2)).extracting(Hit::docid).containsExactly("c", "a");
    }
    try (HybridRetriever h = new HybridRetriever(lexical, dense, new Fusion.Weighted(0.25), 10)) {
      assertThat(h.search("q", 10)).extracting(Hit::docid).containsExactly("a", "b", "c", "d");
    }
  }

  @Test
  void hybridAsksEachPartForAtLeastDepthDocuments() throws Exception {
    int[] asked = new int[2];
    Retriever lexical = (q, k) -> {
      asked[0] = k;
      return List.of();
    };
    Retriever dense = (q, k) -> {
      asked[1] = k;
      return List.of();
    };
    try (HybridRetriever h = new HybridRetriever(lexical, dense, new Fusion.Rrf(60), 50)) {
      assertThat(h.search("q", 10)).isEmpty();
      assertThat(asked).containsExactly(50, 50);
      h.search("q", 80);
      assertThat(asked).containsExactly(80, 80);
    }
  }

  @Test
  void invalidSettingsAreRejected() {
    assertThatThrownBy(() -> new Fusion.Rrf(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Fusion.Weighted(1.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Fusion.Weighted(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }
}
