package dev.assay.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.assay.core.ExampleResult;
import dev.assay.core.Score;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FlatResultBodyTest {
  private static final long SEED = 20261207L;

  @Test
  void flatBodiesReadExactlyAsTheGeneralReadDoes() {
    System.out.println("FlatResultBodyTest seed " + SEED);
    SplittableRandom random = new SplittableRandom(SEED);
    for (int i = 0; i < 20_000; i++) {
      String json = flatBody(random);
      RecordCodec.ResultBody general = RecordCodec.read(json, RecordCodec.ResultBody.class);
      RecordCodec.ResultBody flat = FlatResultBody.read(json);
      assertNotNull(flat, json);
      assertEquals(general, flat, json);
      // Bit for bit, as Score.equals compares with Double.compare; the map's order too.
      assertEquals(List.copyOf(general.scores().keySet()), List.copyOf(flat.scores().keySet()), json);
    }
  }

  @Test
  void storedResultsReadBackEqualThroughTheFlatPath() {
    Map<String, Score> scores = new LinkedHashMap<>();
    scores.put("f1", Score.of(0.1 + 0.2));
    scores.put("exact_match", Score.of(1.0));
    scores.put("tiny", Score.of(Double.MIN_VALUE));
    scores.put("huge", Score.of(-Double.MAX_VALUE));
    ExampleResult r = new ExampleResult("q1", 3, 0, TextNode.valueOf("naïve \"quoted\"\n answer"), scores, 12.5,
        null, null, null, null, 1, false);
    RecordCodec.Encoded body = RecordCodec.body(r);
    assertEquals(RecordCodec.PLAIN, body.encoding());
    assertNotNull(FlatResultBody.read(body.text()), body.text());
    ExampleResult back = RecordCodec.result(new RecordCodec.Columns("q1", 3, 0, 12.5, null, null, null, 1, false),
        RecordCodec.PLAIN, body.text());
    assertEquals(r, back);
  }

  @Test
  void otherBodiesAreLeftToTheGeneralRead() {
    for (String json : List.of(
        "{\"output\":{\"label\":\"a\"},\"scores\":{\"f1\":1}}", // structured output
        "{\"output\":null}",
        "{\"output\":\"a\",\"error\":\"timeout\"}",
        "{\"scores\":{\"f1\":\"NaN\"}}", // NaN as Jackson writes it
        "{\"scores\":{\"f1\":{\"value\":0.5,\"statistics\":[1,2]}}}",
        "{\"scores\":{\"bleu#0\":3,\"bleu\":0.2}}", // format 1
        "{\"scores\":{\"f1\":1},\"notes\":{\"f1\":\"why\"}}",
        "{\"scores\":{\"f1\":1,\"f1\":0}}", // repeated score
        "{\"output\":\"a\",\"output\":\"b\"}", // repeated field
        "{\"scores\":{\"f1\":123456789012345678901234567890}}", // beyond long
        "{\"output\":\"a\"} trailing",
        "{\"output\":\"a\"",
        "[]",
        "")) {
      assertNull(FlatResultBody.read(json), json);
    }
  }

  /** A body of the flat form: maybe an output, maybe scores of varied number spellings. */
  private static String flatBody(SplittableRandom random) {
    StringBuilder sb = new StringBuilder("{");
    boolean outputFirst = random.nextBoolean();
    boolean withOutput = random.nextInt(5) > 0;
    boolean withScores = random.nextInt(5) > 0;
    if (withOutput && outputFirst) {
      sb.append("\"output\":").append(text(random));
    }
    if (withScores) {
      if (sb.length() > 1) {
        sb.append(',');
      }
      sb.append("\"scores\":{");
      int n = random.nextInt(5);
      for (int k = 0; k < n; k++) {
        sb.append(k > 0 ? "," : "").append("\"m").append(k).append("\":").append(number(random));
      }
      sb.append('}');
    }
    if (withOutput && !outputFirst) {
      if (sb.length() > 1) {
        sb.append(',');
      }
      sb.append("\"output\":").append(text(random));
    }
    return sb.append('}').toString();
  }

  private static String text(SplittableRandom random) {
    String[] parts = {"berlin", "new york", "\\\"q\\\"", "\\n", "ü", "\\u00e9", "日本", " "};
    StringBuilder sb = new StringBuilder("\"");
    int n = random.nextInt(4);
    for (int i = 0; i < n; i++) {
      sb.append(parts[random.nextInt(parts.length)]);
    }
    return sb.append('"').toString();
  }

  private static String number(SplittableRandom random) {
    return switch (random.nextInt(8)) {
      case 0 -> random.nextBoolean() ? "0.0" : "1.0";
      case 1 -> Double.toString(random.nextDouble());
      case 2 -> Double.toString(Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL)
          * (random.nextBoolean() ? 1 : -1));
      case 3 -> Long.toString(random.nextLong());
      case 4 -> Integer.toString(random.nextInt(-1000, 1000));
      case 5 -> new BigDecimal(random.nextDouble()).toPlainString(); // more digits than a double holds
      case 6 -> random.nextInt(1, 999) + "e" + random.nextInt(-320, 300);
      default -> "-0" + (random.nextBoolean() ? ".0" : "");
    };
  }
}
