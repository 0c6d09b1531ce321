package dev.assay.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/** The project's JSON mappers, canonical form and content hashing. */
public final class Json {
  /** Plain mapper: field names as written. Thread-safe. */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .build();

  /** Mapper for the project's own records: snake_case names, unknown fields tolerated. */
  public static final ObjectMapper RECORDS =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .findAndAddModules()
          .build();

  private static final HexFormat HEX = HexFormat.of();

  private Json() {}

  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /**
   * Canonical JSON text: object keys sorted by code point, no insignificant whitespace,
   * numbers in their shortest exact decimal form (1.0 and 1 are the same number and print as
   * {@code 1}). Two documents that differ only in formatting or key order have equal canonical
   * forms.
   */
  public static String canonical(JsonNode node) {
    StringBuilder sb = new StringBuilder();
    writeCanonical(node, sb);
    return sb.toString();
  }

  static void writeCanonical(JsonNode node, StringBuilder sb) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      sb.append("null");
    } else if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      Collections.sort(names);
      sb.append('{');
      for (int i = 0; i < names.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        quote(names.get(i), sb);
        sb.append(':');
        writeCanonical(node.get(names.get(i)), sb);
      }
      sb.append('}');
    } else if (node.isArray()) {
      sb.append('[');
      Iterator<JsonNode> it = node.elements();
      boolean first = true;
      while (it.hasNext()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        writeCanonical(it.next(), sb);
      }
      sb.append(']');
    } else if (node.isNumber()) {
      java.math.BigDecimal d = node.decimalValue().stripTrailingZeros();
      sb.append(d.scale() <= 0 && d.precision() - d.scale() <= 30 ? d.toBigInteger().toString() : d.toString());
    } else if (node.isBoolean()) {
      sb.append(node.booleanValue());
    } else {
      quote(node.asText(), sb);
    }
  }

  private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();

  /**
   * Appends {@code s} as a JSON string literal, escaped exactly as Jackson escapes by default
   * ({@code "}, {@code \\}, short escapes for b t n f r, {@code \\u00XX} for other control
   * characters; everything else as is), without going through a generator per string. This is
   * how {@link #canonical} writes every string.
   */
  public static void quote(String s, StringBuilder sb) {
    sb.append('"');
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') {
        continue;
      }
      sb.append(s, start, i);
      start = i + 1;
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\b' -> sb.append("\\b");
        case '\t' -> sb.append("\\t");
        case '\n' -> sb.append("\\n");
        case '\f' -> sb.append("\\f");
        case '\r' -> sb.append("\\r");
        default -> sb.append("\\u00").append(UPPER_HEX[c >> 4]).append(UPPER_HEX[c & 0xF]);
      }
    }
    sb.append(s, start, s.length()).append('"');
  }

  /** Lower-case hex sha256 of UTF-8 text. */
  public static String sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  public static String sha256(byte[] bytes) {
    return HEX.formatHex(digest().digest(bytes));
  }

  /** sha256 of the canonical form of {@code node}. */
  public static String hash(JsonNode node) {
    return sha256(canonical(node));
  }

  /** A fresh sha256 digest (digests are not thread-safe; each caller gets its own). */
  public static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM lacks SHA-256", e);
    }
  }

  public static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  /** Serialises a project record with {@link #RECORDS}. */
  public static String write(Object value) {
    try {
      return RECORDS.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static <T> T read(String text, Class<T> type) {
    try {
      return RECORDS.readValue(text, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode tree(Object value) {
    return RECORDS.valueToTree(value);
  }
}
