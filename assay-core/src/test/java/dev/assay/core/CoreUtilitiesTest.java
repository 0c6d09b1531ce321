package dev.assay.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CoreUtilitiesTest {
  @Test
  void canonicalJsonIgnoresKeyOrderWhitespaceAndNumberSpelling() throws Exception {
    JsonNode a = Json.MAPPER.readTree("{\"b\": [1, 2.50, {\"y\":1,\"x\":\"é\"}], \"a\": 1.0}");
    JsonNode b = Json.MAPPER.readTree("{\"a\":1,\n \"b\":[1,2.5,{\"x\":\"\\u00e9\",\"y\":1.000}]}");
    assertThat(Json.canonical(a)).isEqualTo("{\"a\":1,\"b\":[1,2.5,{\"x\":\"é\",\"y\":1}]}");
    assertThat(Json.hash(a)).isEqualTo(Json.hash(b));
    assertThat(Json.hash(a)).isNotEqualTo(Json.hash(Json.MAPPER.readTree("{\"a\":2,\"b\":[]}")));
  }

  @Test
  void sha256MatchesTheKnownDigestOfAbc() {
    assertThat(Json.sha256("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void runIdsAreVersion7AndSortInCreationOrder() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      ids.add(RunIds.next());
    }
    List<String> sorted = new ArrayList<>(ids);
    sorted.sort(null);
    assertThat(sorted).isEqualTo(ids);
    assertThat(new HashSet<>(ids)).hasSize(ids.size());
    UUID u = UUID.fromString(ids.get(0));
    assertThat(u.version()).isEqualTo(7);
    assertThat(u.variant()).isEqualTo(2);
    long millis = u.getMostSignificantBits() >>> 16;
    assertThat(Math.abs(millis - System.currentTimeMillis())).isLessThan(Duration.ofMinutes(5).toMillis());
  }

  @Test
  void invocationSeedsDependOnSeedIdAndRepeatOnly() {
    long s = Seeds.invocation(0, "q1", 0);
    assertThat(Seeds.invocation(0, "q1", 0)).isEqualTo(s);
    Set<Long> distinct = new HashSet<>(List.of(s, Seeds.invocation(1, "q1", 0), Seeds.invocation(0, "q2", 0),
        Seeds.invocation(0, "q1", 1)));
    assertThat(distinct).hasSize(4);
  }

  @Test
  void cacheKeyChangesWithEveryComponent() {
    Example e = Example.of("q1", "What is 2+2?", "4");
    Invocation inv = new Invocation(e, 0, 5, Duration.ofSeconds(1));
    String k = CacheKey.of("spec", inv);
    assertThat(CacheKey.of("spec", new Invocation(e, 0, 5, Duration.ofSeconds(9)))).as("timeout is not content")
        .isEqualTo(k);
    assertThat(Set.of(k, CacheKey.of("spec2", inv), CacheKey.of("spec", new Invocation(e, 1, 5, inv.timeout())),
        CacheKey.of("spec", new Invocation(e, 0, 6, inv.timeout())),
        CacheKey.of("spec", new Invocation(Example.of("q1", "What is 3+3?", "6"), 0, 5, inv.timeout()))))
        .hasSize(5);
  }

  @Test
  void didYouMeanSuggestsCloseNamesOnly() {
    assertThat(DidYouMean.suggest("concurency", List.of("concurrency", "timeout", "seed"))).contains("concurrency");
    assertThat(DidYouMean.suggest("tiemout", List.of("concurrency", "timeout", "seed"))).contains("timeout");
    assertThat(DidYouMean.suggest("zebra", List.of("concurrency", "timeout", "seed"))).isEmpty();
    assertThat(DidYouMean.expected("sed", List.of("seed", "metrics"))).isEqualTo("did you mean 'seed'? known: metrics, seed");
  }

  @Test
  void inputExceptionRendersFileLineFieldAndExpectation() {
    InputException e = new InputException("suite.yaml", 12, "systems.gpt.type", "unknown adapter 'opnai'",
        "did you mean 'openai'?");
    assertThat(e.render()).isEqualTo(
        "suite.yaml:12: field 'systems.gpt.type': unknown adapter 'opnai' (did you mean 'openai'?)");
    assertThat(InputException.of("bad\nthing", null).render()).isEqualTo("bad thing");
  }

  @Test
  void systemSpecHashIgnoresNameAndLine() {
    var params = Json.object().put("path", "p.jsonl");
    SystemSpec a = new SystemSpec("a", "predictions", params, 3);
    SystemSpec b = new SystemSpec("b", "predictions", params.deepCopy(), 9);
    assertThat(a.hash()).isEqualTo(b.hash());
    assertThat(SystemSpec.fromJson(a.toJson()).hash()).isEqualTo(a.hash());
    assertThat(new SystemSpec("a", "predictions", Json.object().put("path", "q.jsonl"), 3).hash())
        .isNotEqualTo(a.hash());
  }
}
