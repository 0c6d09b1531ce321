package dev.assay.store;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.assay.core.CalibrationRecord;
import dev.assay.core.ExampleResult;
import dev.assay.core.Json;
import dev.assay.core.Output;
import dev.assay.core.RunRecord;
import dev.assay.core.Score;
import dev.assay.core.ScoreJson;
import dev.assay.core.VerdictRecord;
import dev.assay.core.io.Deflate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * The bytes the SQLite files hold for run headers, per-example results and cached outputs.
 *
 * <p>Records are JSON written by {@link Json#RECORDS} (snake_case), with three adjustments that keep
 * a round trip exact: instants are ISO-8601 strings with all their digits (the same form
 * jackson-datatype-jsr310 writes), JSON-valued fields keep every decimal digit, and Java null
 * fields are left out (shorter, and a JsonNode field written as null would read back as a JSON
 * null node rather than Java null).
 * NaN and the infinities are written as the strings {@code "NaN"}, {@code "Infinity"} and
 * {@code "-Infinity"} (Jackson's default) and read back as doubles.
 *
 * <p>A result body over {@link #COMPRESS_OVER} bytes is deflated when that saves at least an
 * eighth; docs/design/per-example-storage.md has the measurements behind this.
 */
final class RecordCodec {
  /** Encoding of a stored body: UTF-8 JSON text. */
  static final int PLAIN = 0;
  /** Encoding of a stored body: raw deflate (RFC 1951) of UTF-8 JSON text. */
  static final int DEFLATE = 1;
  /** Bodies up to this many bytes are never compressed: it would save almost nothing. */
  static final int COMPRESS_OVER = 1024;

  private static final ObjectMapper MAPPER = Json.RECORDS.copy()
      .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .registerModule(new SimpleModule("assay-store-instants")
          .addSerializer(Instant.class, ToStringSerializer.instance)
          .addDeserializer(Instant.class, new InstantDeserializer()));

  private RecordCodec() {}

  /**
   * A stored body: JSON text when {@code encoding} is {@link #PLAIN} ({@code bytes} null), else the
   * deflated bytes ({@code text} null). Text stays a String so that JDBC binds it without a copy.
   */
  record Encoded(int encoding, String text, byte[] bytes) {}

  /**
   * The part of an {@link ExampleResult} not held in typed columns. {@code latencyMs} and {@code
   * cost} appear here only when NaN, which SQLite would store as NULL in a REAL column.
   */
  record ResultBody(
      JsonNode output,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Score> scores,
      String error,
      Double latencyMs,
      Double cost,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> metricErrors) {
    /** Reads bodies of every schema: format 1's flat scores and notes become typed scores. */
    @JsonCreator
    static ResultBody read(@JsonProperty("output") JsonNode output, @JsonProperty("scores") JsonNode scores,
        @JsonProperty("error") String error, @JsonProperty("latency_ms") Double latencyMs,
        @JsonProperty("cost") Double cost, @JsonProperty("metric_errors") Map<String, String> metricErrors,
        @JsonProperty("notes") JsonNode notes) {
      return new ResultBody(output, ScoreJson.upgrade(scores, notes), error, latencyMs, cost, metricErrors);
    }
  }

  /** The typed-column fields of a stored result, as read back. */
  record Columns(String id, int index, int repeat, Double latencyMs, Long tokensIn, Long tokensOut, Double cost,
      int attempts, boolean cached) {}

  static String header(RunRecord run) {
    return write(run);
  }

  static RunRecord header(String json) {
    return read(json, RunRecord.class);
  }

  static String verdict(VerdictRecord verdict) {
    return write(verdict);
  }

  static VerdictRecord verdict(String json) {
    return read(json, VerdictRecord.class);
  }

  static String calibration(CalibrationRecord calibration) {
    return write(calibration);
  }

  static CalibrationRecord calibration(String json) {
    return read(json, CalibrationRecord.class);
  }

  static String output(Output output) {
    return write(output);
  }

  static Output output(String json) {
    return read(json, Output.class);
  }

  static Encoded body(ExampleResult r) {
    ResultBody body = new ResultBody(r.output(), r.scores(), r.error(), nanOrNull(r.latencyMs()), nanOrNull(r.cost()),
        r.metricErrors());
    String json = write(body);
    // Length in chars bounds the UTF-8 length from below: short bodies skip the byte conversion.
    if (json.length() > COMPRESS_OVER) {
      byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
      byte[] deflated = Deflate.compress(utf8);
      if (deflated.length <= utf8.length - utf8.length / 8) {
        return new Encoded(DEFLATE, null, deflated);
      }
    }
    return new Encoded(PLAIN, json, null);
  }

  /** A column value for a double field: NaN goes to the body instead (see {@link ResultBody}). */
  static Double column(Double value) {
    return value == null || value.isNaN() ? null : value;
  }

  private static Double nanOrNull(Double value) {
    return value != null && value.isNaN() ? value : null;
  }

  /** A result from its columns and its stored body: {@code body} is a String when PLAIN, else bytes. */
  static ExampleResult result(Columns c, int encoding, Object body) {
    ResultBody b = switch (encoding) {
      case PLAIN -> plain((String) body);
      case DEFLATE -> read(new String(Deflate.decompress((byte[]) body, "a stored result body"), StandardCharsets.UTF_8),
          ResultBody.class);
      default -> throw new IllegalStateException("unknown result encoding " + encoding + " for example " + c.id());
    };
    return new ExampleResult(c.id(), c.index(), c.repeat(), b.output(), b.scores(),
        c.latencyMs() != null ? c.latencyMs() : b.latencyMs(), c.tokensIn(), c.tokensOut(),
        c.cost() != null ? c.cost() : b.cost(), b.error(), c.attempts(), c.cached(), b.metricErrors());
  }

  /** A plain body: the flat common form read by streaming, anything else by data binding. */
  private static ResultBody plain(String json) {
    ResultBody flat = FlatResultBody.read(json);
    return flat != null ? flat : read(json, ResultBody.class);
  }

  /** A record of the registry (or any project record) as stored: JSON as above. */
  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static <T> T read(String json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (IOException e) {
      throw new UncheckedIOException("a stored " + type.getSimpleName() + " is not valid JSON", e);
    }
  }

  /** Reads the ISO-8601 form that {@link Instant#toString()} writes. */
  private static final class InstantDeserializer extends StdScalarDeserializer<Instant> {
    private static final long serialVersionUID = 1L;

    InstantDeserializer() {
      super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String text = p.getValueAsString();
      try {
        return Instant.parse(text);
      } catch (java.time.format.DateTimeParseException e) {
        return (Instant) ctxt.handleWeirdStringValue(Instant.class, text, "not an ISO-8601 instant");
      }
    }
  }
}
