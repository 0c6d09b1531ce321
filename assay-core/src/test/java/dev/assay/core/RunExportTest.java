package dev.assay.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Old run-record formats stay readable: one fixture per released format version. */
class RunExportTest {
  private static JsonNode fixture(String name) throws Exception {
    try (InputStream in = RunExportTest.class.getResourceAsStream("/run-records/" + name)) {
      return Json.MAPPER.readTree(in);
    }
  }

  @Test
  void readsFormatVersion1() throws Exception {
    RunExport export = RunExport.read(fixture("v1.json"), "v1.json");
    RunRecord run = export.run();
    assertThat(run.formatVersion()).isEqualTo(1);
    assertThat(run.runId()).isEqualTo("019ac4d2-7e1b-7a3c-9f0e-5b2d1c8e4a61");
    assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(run.seed()).isEqualTo(7);
    assertThat(run.startedAt()).isEqualTo(Instant.parse("2026-11-27T21:40:00.123Z"));
    assertThat(run.counts()).isEqualTo(new Counts(1, 1));
    assertThat(run.aggregates()).containsExactly(Map.entry("exact_match", 1.0));
    assertThat(run.lineage().gitCommit()).isNull();
    assertThat(run.system().param("path", null)).isEqualTo("p.jsonl");
    assertThat(export.examples()).hasSize(2);
    ExampleResult first = export.examples().get(0);
    assertThat(first.output().asText()).isEqualTo("Mercury");
    assertThat(first.latencyMs()).isEqualTo(220.5);
    assertThat(first.tokensIn()).isEqualTo(28L);
    assertThat(first.cost()).isEqualTo(0.00012);
    ExampleResult second = export.examples().get(1);
    assertThat(second.ok()).isFalse();
    assertThat(second.output()).isNull();
    assertThat(second.scores()).isEmpty();
  }

  @Test
  void writingAndReadingRoundTrips() throws Exception {
    RunExport export = RunExport.read(fixture("v1.json"), "v1.json");
    JsonNode written = Json.tree(export);
    assertThat(RunExport.read(written, "memory")).isEqualTo(export);
    assertThat(written.has("run_id")).as("header fields are unwrapped").isTrue();
  }

  @Test
  void refusesNewerFormats() throws Exception {
    var doc = (com.fasterxml.jackson.databind.node.ObjectNode) fixture("v1.json");
    doc.put("format_version", RunRecord.FORMAT_VERSION + 1);
    assertThatThrownBy(() -> RunExport.read(doc, "future.json"))
        .isInstanceOf(InputException.class)
        .satisfies(e -> assertThat(((InputException) e).render())
            .startsWith("future.json: field 'format_version': run record format " + (RunRecord.FORMAT_VERSION + 1) + " is not supported"));
  }

  @Test
  void refusesOtherDocuments() {
    assertThatThrownBy(() -> RunExport.read(Json.object().put("x", 1), "x.json"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("not an assay run record");
  }
}
