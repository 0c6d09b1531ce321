package dev.assay.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Example;
import dev.assay.core.Json;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The streaming read of a stored example line against the tree read it stands in for. */
class StoredExampleLineTest {
  private static final String[] PIECES = {"a", "Zürich", "é", "\"quoted\"", "back\\slash", "tab\t", "new\nline", "😀",
      "日本", " ", "0", "{", "}", ","};

  private static String text(SplittableRandom random, int maxPieces) {
    StringBuilder b = new StringBuilder();
    int n = random.nextInt(maxPieces + 1);
    for (int i = 0; i < n; i++) {
      b.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return b.toString();
  }

  private static Example treeRead(String line) throws Exception {
    return DatasetCodec.example(Json.MAPPER.readTree(line));
  }

  @Test
  void everyStoredLineReadsAsTheTreeReadsIt() throws Exception {
    long seed = 20261207L;
    SplittableRandom random = new SplittableRandom(seed);
    int streamed = 0;
    for (int i = 0; i < 20_000; i++) {
      Map<String, String> tags = new LinkedHashMap<>();
      for (int t = random.nextInt(4); t > 0; t--) {
        tags.put("tag" + random.nextInt(5) + text(random, 1), text(random, 3));
      }
      ObjectNode extra = null;
      com.fasterxml.jackson.databind.JsonNode input = Json.MAPPER.getNodeFactory().textNode(text(random, 8));
      if (random.nextInt(10) == 0) {
        extra = Json.object().put("source", text(random, 2));
      } else if (random.nextInt(10) == 0) {
        input = Json.object().put("question", text(random, 4));
      }
      String reference = random.nextInt(3) == 0 ? null : text(random, 6);
      Example original = new Example("id-" + i + text(random, 2), input,
          reference == null ? null : Json.MAPPER.getNodeFactory().textNode(reference), tags, extra, random.nextInt(1_000_000));
      String line = DatasetCodec.line(original);
      Example read = StoredExampleLine.read(line, new HashMap<>());
      assertThat(treeRead(line)).isEqualTo(original);
      if (read != null) {
        streamed++;
        assertThat(read).as("seed %d, line %s", seed, line).isEqualTo(original);
      } else {
        assertThat(extra != null || !input.isTextual()).as("only lines with extra or a non-text input fall back: %s", line)
            .isTrue();
      }
    }
    assertThat(streamed).isGreaterThan(15_000);
  }

  @Test
  void anythingElseFallsBackToTheTreeRead() {
    for (String line : List.of("", "[]", "{", "{\"id\":\"a\"}", "{\"id\":\"\",\"input\":\"x\"}",
        "{\"id\":\"a\",\"input\":\"x\",\"tags\":{\"k\":3}}", "{\"id\":\"a\",\"input\":\"x\",\"id\":\"b\"}",
        "{\"id\":\"a\",\"input\":\"x\",\"line\":1.5}", "{\"id\":\"a\",\"input\":\"x\",\"line\":99999999999}",
        "{\"id\":\"a\",\"input\":\"x\",\"tags\":{\"k\":\"v\",\"k\":\"w\"}}", "{\"id\":\"a\",\"input\":\"x\"} trailing",
        "{\"id\":\"a\",\"input\":\"x\",\"other\":1}", "{\"id\":\"a\",\"input\":null}")) {
      assertThat(StoredExampleLine.read(line, new HashMap<>())).as(line).isNull();
    }
  }

  @Test
  void equalTagValuesShareOneString() {
    Map<String, String> seen = new HashMap<>();
    Example a = StoredExampleLine.read("{\"id\":\"a\",\"input\":\"x\",\"tags\":{\"lang\":\"en\"},\"line\":1}", seen);
    Example b = StoredExampleLine.read("{\"id\":\"b\",\"input\":\"y\",\"tags\":{\"lang\":\"en\"},\"line\":2}", seen);
    assertThat(a.tags().get("lang")).isSameAs(b.tags().get("lang"));
  }
}
