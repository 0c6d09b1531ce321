package dev.assay.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.core.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreFileReaderTest {
  @TempDir Path dir;

  @Test
  void readsIdsAndNumbers() throws Exception {
    Path f = write("{\"id\": \"a\", \"f1\": 0.5, \"latency_ms\": 12}\n\n{\"id\": 7, \"f1\": null}\n");
    RunScores t = ScoreFileReader.read(f);
    assertThat(t.ids()).containsExactly("a", "7");
    assertThat(t.value("a", "f1")).isEqualTo(0.5);
    assertThat(t.value("7", "f1")).isNull();
    assertThat(t.metrics()).containsExactly("f1", "latency_ms");
  }

  @Test
  void badLinesNameFileLineAndField() throws Exception {
    expect("{\"id\":\"a\",\"f1\":1}\n{\"id\":\"b\",\"f1\":\"high\"}\n", ":2: field 'f1': example 'b': got the string \"high\"");
    expect("{\"id\":\"a\",\"f1\":1}\n\n{\"id\":\"b\", \"f1\": 1\n", ":3: invalid JSON");
    expect("{\"f1\":1}\n", ":1: field 'id': missing");
    expect("{\"id\":\"a\"}\n{\"id\":\"a\"}\n", ":2: field 'id': duplicate example id 'a'");
    expect("[1, 2]\n", ":1: not a JSON object");
    expect("\n\n", ": no examples");
  }

  private void expect(String content, String message) throws Exception {
    Path f = write(content);
    assertThatThrownBy(() -> ScoreFileReader.read(f)).isInstanceOf(InputException.class)
        .satisfies(e -> assertThat(((InputException) e).render()).startsWith(f.toString()).contains(message));
  }

  private Path write(String content) throws Exception {
    Path f = Files.createTempFile(dir, "scores", ".jsonl");
    Files.writeString(f, content);
    return f;
  }
}
