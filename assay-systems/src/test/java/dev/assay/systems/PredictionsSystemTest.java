package dev.assay.systems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Example;
import dev.assay.core.InputException;
import dev.assay.core.Invocation;
import dev.assay.core.Json;
import dev.assay.core.Output;
import dev.assay.core.Plugins;
import dev.assay.core.SystemException;
import dev.assay.core.SystemSpec;
import dev.assay.core.SystemUnderTest;
import dev.assay.testkit.SystemConformance;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The predictions adapter passes the conformance suite; each bad input gets its message. */
class PredictionsSystemTest extends SystemConformance {
  @TempDir Path dir;

  /** ex-5 answers with an object, to test structured outputs; the rest with text. */
  private static boolean structured(Example e) {
    return e.id().equals("ex-5");
  }

  @Override
  protected SystemUnderTest newSystem() throws Exception {
    StringBuilder jsonl = new StringBuilder();
    for (Example e : examples()) {
      ObjectNode record = Json.object().put("id", e.id());
      if (structured(e)) {
        record.putObject("output").put("label", "yes").put("score", 0.5);
      } else {
        record.put("output", "answer to " + e.inputText());
      }
      jsonl.append(Json.MAPPER.writeValueAsString(record)).append('\n');
    }
    Files.writeString(dir.resolve("preds.jsonl"), jsonl, StandardCharsets.UTF_8);
    return Plugins.installed().system(spec("preds.jsonl"), dev.assay.testkit.Contexts.suite(dir.resolve("suite.yaml")));
  }

  @Override
  protected String expectedOutput(Example e) {
    return structured(e) ? "{\"label\":\"yes\",\"score\":0.5}" : "answer to " + e.inputText();
  }

  @Override
  protected Optional<Example> unanswerable() {
    return Optional.of(Example.of("not-in-file", "anything", null));
  }

  private static SystemSpec spec(String path) {
    return new SystemSpec("preds", "predictions", Json.object().put("path", path), 6);
  }

  private static Invocation call(String id) {
    return new Invocation(Example.of(id, "x", null), 0, 1, Duration.ofSeconds(1));
  }

  private Path write(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  @Test
  void anIdWithoutPredictionNamesTheIdAndTheFile() throws Exception {
    Path file = write("p.jsonl", "{\"id\": \"a\", \"output\": \"A\"}\n");
    SystemException e = catchThrowableOfType(SystemException.class, () -> PredictionsSystem.load(file).call(call("b")));
    assertThat(e.isTransient()).isFalse();
    assertThat(e.getMessage()).isEqualTo("no prediction for id 'b' in " + file);
  }

  @Test
  void outputsCarryLatencyTokensAndCostFromTheFile() throws Exception {
    Path file = write("p.jsonl", "\uFEFF{\"id\": \"a\", \"output\": \"A\", \"latency_ms\": 12.5, \"tokens_in\": 7,"
        + " \"tokens_out\": 2, \"cost\": 0.001, \"model\": \"ignored\"}\r\n"
        + "\n   \n"
        + "{\"id\": 17, \"output\": [1, 2], \"latency_ms\": null}\n"
        + "{\"id\": \"n\", \"output\": null}");
    PredictionsSystem system = PredictionsSystem.load(file);
    assertThat(system.size()).isEqualTo(3);
    assertThat(system.call(call("a"))).isEqualTo(new Output(Json.MAPPER.getNodeFactory().textNode("A"), 12.5, 7L, 2L, 0.001));
    Output numeric = system.call(call("17"));
    assertThat(numeric.text()).isEqualTo("[1,2]");
    assertThat(numeric.latencyMs()).isNull();
    assertThat(system.call(call("n")).text()).isEmpty();
  }

  @Test
  void anAbsolutePathIsUsedAsItIs() throws Exception {
    Path file = write("abs.jsonl", "{\"id\": \"a\", \"output\": \"A\"}\n");
    try (SystemUnderTest s = new PredictionsSystemProvider().create(spec(file.toString()), dev.assay.testkit.Contexts.suite(Path.of("elsewhere/suite.yaml")))) {
      assertThat(s.call(call("a")).text()).isEqualTo("A");
    }
  }

  // ---- bad input: one message naming file, line and field ----

  private String bad(String content) throws Exception {
    Path file = write("bad.jsonl", content);
    InputException e = catchThrowableOfType(InputException.class, () -> PredictionsSystem.load(file));
    assertThat(e).as("no InputException for %s", content).isNotNull();
    return e.render().replace(file.toString(), "FILE");
  }

  @Test
  void brokenJson() throws Exception {
    assertThat(bad("{\"id\": \"a\", \"output\": \"A\"}\n{\"id\": \"b\", \"output\": }\n"))
        .startsWith("FILE:2: invalid JSON at column 23: unexpected character '}'")
        .endsWith("(one JSON object per line: {\"id\": ..., \"output\": ...})");
    assertThat(bad("{\"id\": \"a\", \"output\": \"A\"} trailing\n")).startsWith("FILE:1: invalid JSON");
    assertThat(bad("{\"id\": \"a\", \"output\": \"A\", \"id\": \"b\"}\n"))
        .startsWith("FILE:1: invalid JSON").contains("duplicate key 'id'");
  }

  @Test
  void notAnObject() throws Exception {
    assertThat(bad("[1, 2]\n")).isEqualTo(
        "FILE:1: not a JSON object: got a list (one JSON object per line: {\"id\": ..., \"output\": ...})");
  }

  @Test
  void missingOrWrongId() throws Exception {
    assertThat(bad("{\"output\": \"A\"}\n"))
        .isEqualTo("FILE:1: field 'id': missing (the id of the example this output answers)");
    assertThat(bad("{\"id\": \"\", \"output\": \"A\"}\n"))
        .isEqualTo("FILE:1: field 'id': not a non-empty string: got the string \"\" (a string such as \"q-17\")");
    assertThat(bad("{\"id\": true, \"output\": \"A\"}\n"))
        .isEqualTo("FILE:1: field 'id': not a non-empty string: got true (a string such as \"q-17\")");
  }

  @Test
  void missingOutput() throws Exception {
    assertThat(bad("{\"id\": \"a\", \"outptu\": \"A\"}\n"))
        .isEqualTo("FILE:1: field 'output': missing (the system's answer: a string or any JSON value)");
  }

  @Test
  void wrongTypesOfTheOptionalNumbers() throws Exception {
    assertThat(bad("{\"id\": \"a\", \"output\": \"A\", \"latency_ms\": \"fast\"}"))
        .isEqualTo("FILE:1: field 'latency_ms': not a non-negative number: got the string \"fast\" (a number >= 0 or null)");
    assertThat(bad("{\"id\": \"a\", \"output\": \"A\", \"tokens_in\": 1.5}"))
        .isEqualTo("FILE:1: field 'tokens_in': not a non-negative integer: got 1.5 (a number >= 0 or null)");
    assertThat(bad("{\"id\": \"a\", \"output\": \"A\", \"tokens_out\": -1}"))
        .startsWith("FILE:1: field 'tokens_out': not a non-negative integer: got -1");
    assertThat(bad("{\"id\": \"a\", \"output\": \"A\", \"cost\": -0.5}"))
        .startsWith("FILE:1: field 'cost': not a non-negative number: got -0.5");
  }

  @Test
  void duplicateIds() throws Exception {
    assertThat(bad("{\"id\": \"a\", \"output\": 1}\n\n{\"id\": \"b\", \"output\": 2}\n{\"id\": \"a\", \"output\": 3}\n"))
        .isEqualTo("FILE:4: field 'id': duplicate id 'a', first on line 1 (each id once)");
  }

  @Test
  void invalidUtf8() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes("{\"id\": \"a\", \"output\": \"A\"}\n{\"id\": \"b\", \"output\": \"".getBytes(StandardCharsets.UTF_8));
    bytes.write(0xC3); // a lead byte followed by a quote, not a continuation byte
    bytes.writeBytes("\"}\n".getBytes(StandardCharsets.UTF_8));
    Path file = Files.write(dir.resolve("latin.jsonl"), bytes.toByteArray());
    InputException e = catchThrowableOfType(InputException.class, () -> PredictionsSystem.load(file));
    assertThat(e.render()).isEqualTo(file + ":2: invalid UTF-8: byte 0xC3 at byte 24 of the line (UTF-8 text)");
  }

  @Test
  void missingFileOrPathNameTheSuiteAndParameter() throws Exception {
    Path suite = dir.resolve("suite.yaml");
    InputException missing = catchThrowableOfType(InputException.class,
        () -> new PredictionsSystemProvider().create(spec("nope.jsonl"), dev.assay.testkit.Contexts.suite(suite)));
    assertThat(missing.render()).isEqualTo(suite + ":6: field 'systems.preds.path': file not found: "
        + dir.resolve("nope.jsonl") + " (a JSONL file of {id, output} records, relative to the suite's folder)");
    InputException folder = catchThrowableOfType(InputException.class,
        () -> new PredictionsSystemProvider().create(spec("."), dev.assay.testkit.Contexts.suite(suite)));
    assertThat(folder.render()).contains("field 'systems.preds.path': not a regular file: a directory: " + dir);
    InputException noPath = catchThrowableOfType(InputException.class,
        () -> new PredictionsSystemProvider().create(new SystemSpec("preds", "predictions", null, 6), dev.assay.testkit.Contexts.suite(suite)));
    assertThat(noPath.render()).startsWith(suite + ":6: field 'systems.preds.path': missing (");
  }
}
