package dev.assay.metrics.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.core.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassificationReaderTest {
  @TempDir Path dir;

  private Path write(String... lines) throws IOException {
    Path f = dir.resolve("pred.jsonl");
    Files.write(f, List.of(lines), StandardCharsets.UTF_8);
    return f;
  }

  private InputException failure(String... lines) throws IOException {
    Path f = write(lines);
    return (InputException) org.assertj.core.api.Assertions.catchThrowable(() -> ClassificationReader.read(f));
  }

  @Test
  void readsAllShapes() throws IOException {
    Path f = write(
        "{\"id\": \"a\", \"label\": \"spam\", \"predicted\": \"ham\", \"score\": 0.25}",
        "",
        "{\"id\": 7, \"label\": 1.0, \"predicted\": 0, \"scores\": {\"0\": 0.5, \"1\": 0.5}, \"extra\": true}",
        "{\"id\": \"c\", \"label\": true, \"predicted\": false}");
    List<ClassificationRecord> r = ClassificationReader.read(f);
    assertThat(r).hasSize(3);
    assertThat(r.get(0).score()).isEqualTo(0.25);
    assertThat(r.get(1).id()).isEqualTo("7");
    assertThat(r.get(1).label()).isEqualTo("1"); // 1.0 and 1 are one label
    assertThat(r.get(1).scores()).containsEntry("1", 0.5);
    assertThat(r.get(1).line()).isEqualTo(3);
    assertThat(r.get(2).label()).isEqualTo("true");
  }

  @Test
  void badLinesNameFileLineAndField() throws IOException {
    InputException e = failure("{\"id\": \"a\", \"label\": \"x\", \"predicted\": \"x\"}", "{\"id\": \"b\", \"label\": \"x\"}");
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.field()).isEqualTo("predicted");
    assertThat(e.render()).startsWith(dir.resolve("pred.jsonl") + ":2: field 'predicted': missing");

    assertThat(failure("{\"id\": \"a\", \"label\": \"x\", \"predicted\": \"x\", \"score\": 1.5}").field())
        .isEqualTo("score");
    assertThat(failure("{\"id\": \"a\", \"label\": \"x\", \"predicted\": \"x\", \"scores\": {\"x\": \"high\"}}").field())
        .isEqualTo("scores.x");
    assertThat(failure("{\"id\": \"a\", \"label\": \"x\", \"predicted\": \"x\", \"score\": 0.1, \"scores\": {\"x\": 1}}")
        .getMessage()).contains("both");
    assertThat(failure("{\"id\": \"a\", \"label\": [1], \"predicted\": \"x\"}").field()).isEqualTo("label");
    assertThat(failure("{\"id\": \"a\", \"label\": \"x\", \"predicted\": \"x\"}", "{\"id\": \"a\", \"label\": \"x\", \"predicted\": \"x\"}")
        .getMessage()).contains("duplicate id 'a'");
    InputException broken = failure("{\"id\": \"a\", \"label\": ");
    assertThat(broken.line()).isEqualTo(1);
    assertThat(broken.getMessage()).startsWith("invalid JSON");
    assertThat(failure("[1, 2]").getMessage()).contains("not a JSON object");
    assertThat(failure("", "  ").getMessage()).contains("no predictions");
  }

  @Test
  void missingFileIsAnInputError() {
    assertThatThrownBy(() -> ClassificationReader.read(dir.resolve("absent.jsonl")))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("file not found");
  }
}
