package dev.assay.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The canonical content written directly equals the canonical JSON of the content tree. */
class ExampleCanonicalContentTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String[] TEXTS = {"", "a", "Zürich", "\"quoted\"", "back\\slash", "tab\tnew\nline",
      "\u0001ctl", "日本語", "😀", "e\u0301", "Z", "_", "1.50"};

  @Test
  void equalsTheTreesCanonicalJsonOnSeededExamples() {
    long seed = 20261207L;
    Random random = new Random(seed);
    for (int i = 0; i < 2000; i++) {
      JsonNode input = value(random, 2);
      JsonNode reference = switch (random.nextInt(4)) {
        case 0 -> null;
        case 1 -> F.nullNode();
        default -> value(random, 2);
      };
      Map<String, String> tags = new HashMap<>();
      for (int t = random.nextInt(5); t > 0; t--) {
        tags.put(text(random), text(random));
      }
      ObjectNode extra = random.nextBoolean() ? null : object(random, 2);
      Example e = new Example("e" + i, input, reference, tags, extra, i);
      assertThat(e.canonicalContentJson()).as("seed " + seed + ", example " + i)
          .isEqualTo(Json.canonical(e.canonicalContent()));
    }
  }

  private static String text(Random random) {
    return TEXTS[random.nextInt(TEXTS.length)] + (random.nextBoolean() ? "" : TEXTS[random.nextInt(TEXTS.length)]);
  }

  private static JsonNode value(Random random, int depth) {
    return switch (random.nextInt(depth > 0 ? 7 : 5)) {
      case 0 -> F.textNode(text(random));
      case 1 -> F.numberNode(random.nextInt(2000) - 1000);
      case 2 -> F.numberNode(new java.math.BigDecimal(random.nextInt(100000)).movePointLeft(random.nextInt(6)));
      case 3 -> F.booleanNode(random.nextBoolean());
      case 4 -> F.textNode(text(random));
      case 5 -> object(random, depth - 1);
      default -> {
        var a = F.arrayNode();
        for (int k = random.nextInt(4); k > 0; k--) {
          a.add(value(random, depth - 1));
        }
        yield a;
      }
    };
  }

  private static ObjectNode object(Random random, int depth) {
    ObjectNode o = F.objectNode();
    for (int k = random.nextInt(4); k > 0; k--) {
      o.set(text(random), value(random, Math.max(0, depth - 1)));
    }
    return o;
  }
}
