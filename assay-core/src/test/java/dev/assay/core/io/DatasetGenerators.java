package dev.assay.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.assay.core.Json;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Random dataset records for property tests, and a writer that varies their formatting. */
final class DatasetGenerators {
  private static final ObjectWriter ASCII_ONLY = Json.MAPPER.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII);

  private DatasetGenerators() {}

  /**
   * One generated record: the source JSON object as written, and the parts the loader should
   * find in it.
   *
   * @param id the id to expect, or null when the record has none (it is then derived)
   */
  record Generated(ObjectNode record, String id, JsonNode input, JsonNode reference, Map<String, String> tags,
      ObjectNode extra) {}

  /**
   * Text mixing ASCII, JSON/CSV specials, Latin, CJK and, at a random place, an astral-plane emoji
   * (a surrogate pair; never a lone surrogate).
   */
  static Arbitrary<String> texts(int maxLength, boolean allowCarriageReturn) {
    char[] specials = allowCarriageReturn
        ? new char[] {'\n', '\t', '"', '\\', ',', '\u0001', '\u2028', '\uFEFF', '\u007F', '\r'}
        : new char[] {'\n', '\t', '"', '\\', ',', '\u0001', '\u2028', '\uFEFF', '\u007F'};
    Arbitrary<String> bmp = Arbitraries.strings()
        .withCharRange(' ', '~')
        .withChars(specials)
        .withCharRange('\u00A0', '\u024F')
        .withCharRange('\u4E00', '\u4E3F')
        .ofMaxLength(maxLength);
    Arbitrary<Integer> emoji = Arbitraries.integers().between(0x1F600, 0x1F64F);
    return Combinators.combine(bmp, emoji, Arbitraries.integers().between(0, 3)).as((text, cp, where) -> {
      if (where != 0) {
        return text; // three in four texts are BMP only
      }
      int at = text.isEmpty() ? 0 : cp % (text.length() + 1);
      return text.substring(0, at) + Character.toString(cp) + text.substring(at);
    });
  }

  static Arbitrary<JsonNode> value(int depth) {
    Arbitrary<JsonNode> scalar = Arbitraries.oneOf(
        texts(12, true).map(TextNode::valueOf),
        Arbitraries.integers().map(IntNode::valueOf),
        Combinators.combine(Arbitraries.longs().between(-1_000_000, 1_000_000), Arbitraries.integers().between(1, 4))
            .as((unscaled, scale) -> DecimalNode.valueOf(BigDecimal.valueOf(unscaled, scale))),
        Arbitraries.of(BooleanNode.TRUE, BooleanNode.FALSE, NullNode.instance));
    if (depth == 0) {
      return scalar;
    }
    @SuppressWarnings("unchecked")
    Arbitrary<JsonNode> any = Arbitraries.frequencyOf(
        Tuple.of(4, scalar),
        Tuple.of(1, object(depth - 1).map(o -> o)),
        Tuple.of(1, value(depth - 1).list().ofMaxSize(3).map(DatasetGenerators::array)));
    return any;
  }

  static Arbitrary<ObjectNode> object(int depth) {
    return Arbitraries.maps(texts(6, true), value(depth)).ofMaxSize(3).map(m -> {
      ObjectNode o = Json.object();
      m.forEach(o::set);
      return o;
    });
  }

  private static ArrayNode array(List<JsonNode> items) {
    ArrayNode a = Json.MAPPER.createArrayNode();
    items.forEach(a::add);
    return a;
  }

  /** Records for JSONL: any input, reference and extra; each record's id kind is random. */
  static Arbitrary<List<Generated>> jsonlRecords() {
    Arbitrary<JsonNode> input = Arbitraries.oneOf(texts(30, true).map(TextNode::valueOf), object(1).map(o -> o));
    Arbitrary<JsonNode> reference = Arbitraries.oneOf(
        Arbitraries.just(null),
        texts(20, true).map(TextNode::valueOf),
        texts(8, true).list().ofMaxSize(3).map(l -> array(l.stream().map(t -> (JsonNode) TextNode.valueOf(t)).toList())),
        object(0).map(o -> o));
    Arbitrary<Map<String, String>> tags = Arbitraries.maps(texts(6, true), texts(6, true)).ofMaxSize(3);
    Arbitrary<ObjectNode> extra = Arbitraries.maps(texts(5, true).map(k -> "x_" + k), value(1)).ofMaxSize(3).map(m -> {
      ObjectNode o = Json.object();
      m.forEach(o::set);
      return o;
    });
    Arbitrary<Integer> idKind = Arbitraries.integers().between(0, 2);
    Arbitrary<String> idText = texts(8, true);
    return Combinators.combine(idKind, idText, input, reference, tags, extra)
        .as((k, t, in, ref, tg, ex) -> new Object[] {k, t, in, ref, tg, ex})
        .list().ofMinSize(1).ofMaxSize(8)
        .map(DatasetGenerators::assemble);
  }

  private static List<Generated> assemble(List<Object[]> parts) {
    List<Generated> out = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      Object[] p = parts.get(i);
      int kind = (Integer) p[0];
      JsonNode input = (JsonNode) p[2];
      JsonNode reference = (JsonNode) p[3];
      @SuppressWarnings("unchecked")
      Map<String, String> tags = (Map<String, String>) p[4];
      ObjectNode extra = ((ObjectNode) p[5]).deepCopy();
      ObjectNode record = Json.object();
      String id;
      if (kind == 0) {
        id = "e" + i + "-" + p[1];
        record.put("id", id);
      } else if (kind == 1) {
        id = Integer.toString(1000 + i);
        record.put("id", 1000 + i);
      } else {
        id = null;
        extra.put("x_row", i); // keeps the content, hence the derived id, unique
      }
      record.set("input", input);
      if (reference != null) {
        record.set("reference", reference);
      }
      if (!tags.isEmpty() || i % 2 == 0) {
        ObjectNode t = record.putObject("tags");
        tags.forEach(t::put);
      }
      record.setAll(extra);
      out.add(new Generated(record, id, input, reference, tags, extra));
    }
    return out;
  }

  /** Compact JSON, one object per line (Jackson's own output). */
  static String jsonl(List<Generated> records) {
    StringBuilder sb = new StringBuilder();
    for (Generated g : records) {
      sb.append(Json.canonical(g.record())).append('\n');
    }
    return sb.toString();
  }

  /**
   * The same records with keys shuffled at every level, random whitespace, random escaping of
   * non-ASCII, equivalent number spellings, CRLF or LF line ends and blank lines in between.
   */
  static String reformatted(List<Generated> records, Random random) {
    StringBuilder sb = new StringBuilder();
    String eol = random.nextBoolean() ? "\n" : "\r\n";
    for (Generated g : records) {
      if (random.nextInt(4) == 0) {
        sb.append(space(random)).append(eol);
      }
      writeShuffled(g.record(), random, sb, true);
      sb.append(eol);
    }
    return sb.toString();
  }

  private static String space(Random random) {
    return List.of("", "", " ", "\t", "  ").get(random.nextInt(5));
  }

  private static void writeShuffled(JsonNode n, Random random, StringBuilder sb, boolean top) {
    sb.append(space(random));
    if (n.isObject()) {
      List<String> keys = new ArrayList<>();
      n.fieldNames().forEachRemaining(keys::add);
      Collections.shuffle(keys, random);
      sb.append('{');
      for (int i = 0; i < keys.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        sb.append(space(random)).append(quote(keys.get(i), random)).append(space(random)).append(':');
        JsonNode v = n.get(keys.get(i));
        if (top && keys.get(i).equals("id")) {
          sb.append(Json.canonical(v)); // an id must stay a string or an integer
        } else {
          writeShuffled(v, random, sb, false);
        }
      }
      sb.append(space(random)).append('}');
    } else if (n.isArray()) {
      sb.append('[');
      for (int i = 0; i < n.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        writeShuffled(n.get(i), random, sb, false);
      }
      sb.append(space(random)).append(']');
    } else if (n.isTextual()) {
      sb.append(quote(n.textValue(), random));
    } else if (n.isNumber()) {
      BigDecimal d = n.decimalValue();
      sb.append(d.setScale(Math.max(d.scale(), 0) + random.nextInt(3)).toPlainString());
    } else {
      sb.append(n.toString());
    }
    sb.append(space(random));
  }

  private static String quote(String s, Random random) {
    try {
      return random.nextBoolean() ? Json.MAPPER.writeValueAsString(s) : ASCII_ONLY.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
