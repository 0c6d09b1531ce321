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
    assertThat(run.formatVersion()).as("upgraded as it is read").isEqualTo(RunRecord.FORMAT_VERSION);
    // Format 1 had no engine settings or cluster field: they come from its suite. It had no
    // max_error_rate either, so resuming an old run does not fail it under a rule it never had.
    assertThat(run.engine()).isEqualTo(new EngineSettings(8, java.time.Duration.ofSeconds(60), 2, null, 1.0));
    assertThat(run.cluster()).isNull();
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
  void readsFormatVersion1WithCorpusStatisticsAndNotes() throws Exception {
    // Format 1 kept statistics under '#' keys beside the metrics and notes in a map of their own.
    var doc = (com.fasterxml.jackson.databind.node.ObjectNode) fixture("v1.json");
    var first = (com.fasterxml.jackson.databind.node.ObjectNode) doc.path("examples").get(0);
    first.putObject("scores").put("bleu", 21.5).put("bleu#0", 3).put("bleu#1", 1).put("judge", 0.5);
    first.putObject("notes").put("judge", "half right");
    ExampleResult r = RunExport.read(doc, "v1.json").examples().get(0);
    assertThat(r.scores().get("bleu").value()).isEqualTo(21.5);
    assertThat(r.scores().get("bleu").statistics()).containsExactly(3.0, 1.0);
    assertThat(r.scores().get("judge")).isEqualTo(Score.of(0.5).withNote("half right"));
    assertThat(r.scores()).containsOnlyKeys("bleu", "judge");
  }

  @Test
  void readsFormatVersion2() throws Exception {
    RunExport export = RunExport.read(fixture("v2.json"), "v2.json");
    RunRecord run = export.run();
    assertThat(run.formatVersion()).isEqualTo(2);
    assertThat(run.system()).isEqualTo(new SystemSpec("candidate", "predictions",
        Json.object().put("path", "p.jsonl"), 0));
    assertThat(run.contentHash()).startsWith("8f6bc502");
    assertThat(run.engine()).isEqualTo(new EngineSettings(2, java.time.Duration.ofSeconds(60), 2, null, 0.5));
    assertThat(run.cluster()).isEqualTo("doc");
    assertThat(run.counts()).isEqualTo(new Counts(2, 0, Map.of("judge", 1L)));
    assertThat(run.aggregates()).containsEntry("f1_macro", 0.3333333333333333);
    ExampleResult first = export.examples().get(0);
    assertThat(first.scores().get("exact_match")).isEqualTo(Score.of(1));
    assertThat(first.scores().get("bleu").statistics()).hasSize(10);
    assertThat(first.scores().get("f1_macro").hasValue()).as("a corpus metric has no per-example value").isFalse();
    assertThat(first.scores().get("f1_macro").labels()).containsExactly("Mercury", "Mercury");
    assertThat(first.scores().get("judge").note()).isEqualTo("names the right planet");
    ExampleResult second = export.examples().get(1);
    assertThat(second.ok()).isTrue();
    assertThat(second.scores()).doesNotContainKey("judge");
    assertThat(second.metricErrors()).containsOnlyKeys("judge");
  }

  @Test
  void writingAndReadingRoundTrips() throws Exception {
    for (String name : new String[] {"v1.json", "v2.json"}) {
      RunExport export = RunExport.read(fixture(name), name);
      JsonNode written = Json.tree(export);
      assertThat(RunExport.read(written, "memory")).as(name).isEqualTo(export);
      assertThat(written.has("run_id")).as("header fields are unwrapped").isTrue();
      assertThat(written.path("format_version").asInt()).as("written in the current format")
          .isEqualTo(RunRecord.FORMAT_VERSION);
    }
    // The current format writes the engine's timeout as seconds, as a suite does.
    JsonNode v2 = Json.tree(RunExport.read(fixture("v2.json"), "v2.json"));
    assertThat(v2.path("engine").path("timeout").asDouble()).isEqualTo(60.0);
    assertThat(v2.path("engine").path("timeout").toString()).isEqualTo("60.0");
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
