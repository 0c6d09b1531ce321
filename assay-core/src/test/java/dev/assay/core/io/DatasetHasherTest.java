package dev.assay.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Example;
import dev.assay.core.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The dataset hash's direct canonical form of examples against the tree form it stands in for. */
class DatasetHasherTest {
  private static final String[] PIECES = {"a", "b", "Zürich", "\"", "\\", "\t", "\n", "\u0001", "\u001f", "😀", " ", "/",
      "<", "é"};

  private static String text(SplittableRandom random, int max) {
    StringBuilder b = new StringBuilder();
    for (int n = random.nextInt(max + 1); n > 0; n--) {
      b.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return b.toString();
  }

  @Test
  void plainExamplesHashAsTheirCanonicalTreeDoes() {
    long seed = 20261207L;
    SplittableRandom random = new SplittableRandom(seed);
    for (int trial = 0; trial < 300; trial++) {
      List<Example> examples = new ArrayList<>();
      for (int i = random.nextInt(40); i >= 0; i--) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int t = random.nextInt(4); t > 0; t--) {
          tags.put(text(random, 2), text(random, 3));
        }
        JsonNode input = random.nextInt(8) == 0 ? Json.object().put("q", text(random, 3))
            : Json.MAPPER.getNodeFactory().textNode(text(random, 6));
        JsonNode reference = switch (random.nextInt(4)) {
          case 0 -> null;
          case 1 -> Json.MAPPER.createArrayNode().add(text(random, 2));
          default -> Json.MAPPER.getNodeFactory().textNode(text(random, 5));
        };
        examples.add(new Example("e" + i + text(random, 2), input, reference, tags,
            random.nextInt(8) == 0 ? Json.object().put("x", 1) : null, i));
      }
      DatasetHasher slow = new DatasetHasher();
      for (Example e : examples) {
        slow.add(e.id(), Json.canonical(e.canonicalContent()));
      }
      assertThat(DatasetHasher.hash(examples)).as("seed %d, trial %d", seed, trial).isEqualTo(slow.hex());
    }
  }
}
