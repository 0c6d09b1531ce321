package dev.assay.systems;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.Output;
import dev.assay.core.io.Describe;
import dev.assay.core.io.InputFiles;
import dev.assay.core.text.Excerpt;
import dev.assay.core.text.JsonProblem;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a predictions file: JSONL, one object per line, {@code {id, output, latency_ms?,
 * tokens_in?, tokens_out?, cost?}}.
 *
 * <p>Rules: the file is strict UTF-8 (a leading byte-order mark is allowed); blank lines are
 * skipped; {@code id} is a non-empty string or an integer (read as its decimal text, as datasets
 * with numeric ids are), unique in the file; {@code output} is required and may be any JSON value,
 * null included; the optional numbers are non-negative ({@code tokens_*} integral) or null; other
 * fields are ignored, so files written by other tools with extra metadata load unchanged. Any
 * breach is an {@link InputException} naming the file, the line and the field.
 */
final class PredictionsFile {
  private static final String RECORD = "one JSON object per line: {\"id\": ..., \"output\": ...}";
  private static final String WHAT = "a predictions file (JSONL)";
  /** The largest file one byte array holds. */
  private static final long MAX_BYTES = Integer.MAX_VALUE - 8;
  private static final ObjectReader READER = Json.MAPPER.reader()
      .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

  private PredictionsFile() {}

  /**
   * The bytes of a predictions file, after checking that it is a regular file (never a FIFO or a
   * device) small enough for one array.
   *
   * @throws InputException naming the file when it is not
   */
  static byte[] bytes(Path file) {
    return InputFiles.readAll(file, file.toString(), WHAT, MAX_BYTES);
  }

  /**
   * @param bytes the file's content ({@link #bytes})
   * @param file names the file in messages
   * @return outputs by example id, in file order; at least one
   * @throws InputException for any fault of the content, and when it holds no prediction
   */
  static Map<String, Output> parse(byte[] bytes, Path file) {
    Map<String, Output> outputs = new LinkedHashMap<>();
    Map<String, Integer> firstLine = new HashMap<>();
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    int start = 0;
    for (int line = 1; start < bytes.length; line++) {
      int end = start;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      String text = decode(decoder, bytes, start, end, file, line);
      if (line == 1 && text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      start = end + 1;
      if (text.isBlank()) {
        continue;
      }
      JsonNode record = parse(text, file, line);
      String id = id(record, file, line);
      Integer previous = firstLine.putIfAbsent(id, line);
      if (previous != null) {
        throw new InputException(file, line, "id", "duplicate id '" + Excerpt.cut(id, 80) + "', first on line " + previous,
            "each id once");
      }
      outputs.put(id, output(record, file, line));
    }
    if (outputs.isEmpty()) {
      throw new InputException(file, 0, null, "no predictions", RECORD);
    }
    return outputs;
  }

  private static String decode(CharsetDecoder decoder, byte[] bytes, int start, int end, Path file, int line) {
    ByteBuffer in = ByteBuffer.wrap(bytes, start, end - start);
    CharBuffer out = CharBuffer.allocate(end - start);
    CoderResult result = decoder.reset().decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int offset = in.position() - start;
      throw new InputException(file, line, null, String.format(
          "invalid UTF-8: byte 0x%02X at byte %d of the line", bytes[in.position()] & 0xff, offset + 1),
          "UTF-8 text");
    }
    String text = out.flip().toString();
    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
  }

  private static JsonNode parse(String text, Path file, int line) {
    JsonNode node;
    try {
      node = READER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InputException(file, line, null, JsonProblem.of(e), RECORD);
    }
    if (!node.isObject()) {
      throw new InputException(file, line, null, "not a JSON object: got " + Describe.json(node), RECORD);
    }
    return node;
  }

  private static String id(JsonNode record, Path file, int line) {
    JsonNode id = record.get("id");
    if (id == null || id.isNull()) {
      throw new InputException(file, line, "id", "missing", "the id of the example this output answers");
    }
    if (id.isTextual() && !id.textValue().isEmpty()) {
      return id.textValue();
    }
    if (id.isIntegralNumber()) {
      return id.bigIntegerValue().toString();
    }
    throw new InputException(file, line, "id", "not a non-empty string: got " + Describe.json(id),
        "a string such as \"q-17\"");
  }

  private static Output output(JsonNode record, Path file, int line) {
    if (!record.has("output")) {
      throw new InputException(file, line, "output", "missing", "the system's answer: a string or any JSON value");
    }
    return new Output(
        record.get("output"),
        number(record, "latency_ms", false, file, line),
        integer(record, "tokens_in", file, line),
        integer(record, "tokens_out", file, line),
        number(record, "cost", false, file, line));
  }

  private static Double number(JsonNode record, String field, boolean integral, Path file, int line) {
    JsonNode v = record.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isNumber() || !(v.asDouble() >= 0) || Double.isInfinite(v.asDouble())
        || (integral && !v.canConvertToExactIntegral())) {
      throw new InputException(file, line, field, "not a non-negative " + (integral ? "integer" : "number")
          + ": got " + Describe.json(v), "a number >= 0 or null");
    }
    return v.asDouble();
  }

  private static Long integer(JsonNode record, String field, Path file, int line) {
    Double v = number(record, field, true, file, line);
    if (v != null && !record.get(field).canConvertToLong()) {
      throw new InputException(file, line, field, "too large: " + Describe.json(record.get(field)), "a token count");
    }
    return v == null ? null : record.get(field).asLong();
  }
}
