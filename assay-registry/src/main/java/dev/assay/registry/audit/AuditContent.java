package dev.assay.registry.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.assay.core.Json;
import dev.assay.core.RunRecord;
import dev.assay.core.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The content hashes the audit log records: one definition, used when an entry is written and
 * again when {@code assay audit verify} recomputes it from the store.
 *
 * <p>A record's hash is the sha256 of the canonical JSON of the record as assay's records
 * serialise (snake_case, Java nulls left out), with instants cut to milliseconds and NaN and the
 * infinities as strings. So it depends on what a store must keep (every field, doubles exactly,
 * JSON values up to key order and number form, instants to the millisecond) and on nothing a store
 * may legitimately change. A run's hash covers its header and every per-example result in
 * dataset order, so editing a score of a completed run is caught as surely as editing its header.
 */
public final class AuditContent {
  private static final ObjectMapper MAPPER = Json.RECORDS.copy()
      .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL)
      .registerModule(new SimpleModule("assay-audit-instants").addSerializer(Instant.class, new MillisInstant()));

  private AuditContent() {}

  /** The hash of a project record (a verdict, a model version, an alias move...). */
  public static String of(Object record) {
    return Json.hash(tree(record));
  }

  /** The hash of a run: its header and the digest of its results ({@link #results}). */
  public static String run(RunRecord header, String resultsDigest) {
    var o = Json.object();
    o.set("header", tree(header));
    o.put("results", resultsDigest);
    return Json.hash(o);
  }

  /** The hash of a run as the store holds it now (streams its results). */
  public static String run(Store store, RunRecord header) {
    return run(header, results(store, header.runId()));
  }

  /** The digest of a run's results, in the order the store returns them (dataset order, then repeat). */
  public static String results(Store store, String runId) {
    MessageDigest digest = Json.digest();
    store.forEachResult(runId, r -> {
      digest.update(Json.canonical(tree(r)).getBytes(StandardCharsets.UTF_8));
      digest.update((byte) '\n');
    });
    return Json.hex(digest.digest());
  }

  /**
   * The record as JSON with NaN and the infinities as strings (as Jackson writes them), numbers as
   * exact decimals: written to text and read back, which is what makes {@link Json#canonical} apply.
   */
  private static JsonNode tree(Object record) {
    try {
      return Json.MAPPER.readTree(MAPPER.writeValueAsString(record));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Instants to the millisecond: the precision every store keeps. */
  private static final class MillisInstant extends StdSerializer<Instant> {
    private static final long serialVersionUID = 1L;

    MillisInstant() {
      super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeString(value.truncatedTo(ChronoUnit.MILLIS).toString());
    }
  }
}
