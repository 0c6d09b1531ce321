package dev.assay.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.core.InputException;
import dev.assay.core.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HumanLabelsTest {
  @TempDir Path dir;

  private HumanLabels read(String text) throws Exception {
    Path f = dir.resolve("labels.jsonl");
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return HumanLabels.read(f, "labels.jsonl");
  }

  @Test
  void labelsAreGroupedByAnswerWithEveryRater() throws Exception {
    String text = """
        {"id": "q1", "output": "Paris", "label": 0, "rater": "ann", "input": "capital of France?"}
        {"id": "q1", "output": "Paris", "label": 1, "rater": "bob"}
        {"id": "q1", "output": "Lyon", "label": true, "rater": "ann"}
        {"id": 7, "output": {"answer": "x"}, "label": 2.5}

        {"id": "q9", "output": "later", "label": null}
        """;
    HumanLabels labels = read(text);
    assertThat(labels.items()).hasSize(3);
    HumanLabels.Item paris = labels.item("q1", "Paris").orElseThrow();
    assertThat(paris.ratings()).containsEntry("ann", 0.0).containsEntry("bob", 1.0);
    assertThat(paris.mean()).isEqualTo(0.5);
    assertThat(paris.consensus()).as("one each: no majority").isEmpty();
    assertThat(labels.item("q1", "Lyon").orElseThrow().consensus()).contains(1.0);
    // A structured answer is matched by its canonical JSON, as Output.text() writes it.
    assertThat(labels.item("7", Json.canonical(Json.MAPPER.readTree("{\"answer\":\"x\"}")))).isPresent();
    assertThat(labels.item("q1", "paris")).isEmpty();
    assertThat(labels.raters()).containsExactly("ann", "bob", "");
    assertThat(labels.unlabelled()).isEqualTo(1);
    assertThat(labels.example("q1").orElseThrow().inputText()).isEqualTo("capital of France?");
    assertThat(labels.example("7")).isEmpty();
    assertThat(labels.hash()).isEqualTo(Json.sha256(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aSecondLabelOfOneAnswerByOneRaterIsAnInputErrorNamingBothLines() {
    assertThatThrownBy(() -> read("{\"id\":\"a\",\"output\":\"x\",\"label\":1}\n{\"id\":\"a\",\"output\":\"x\",\"label\":0}\n"))
        .isInstanceOf(InputException.class)
        .satisfies(e -> {
          InputException x = (InputException) e;
          assertThat(x.line()).isEqualTo(2);
          assertThat(x.field()).isEqualTo("label");
          assertThat(x.getMessage()).contains("first on line 1");
        });
  }

  @Test
  void malformedLinesNameTheirLineAndField() {
    assertThatThrownBy(() -> read("{\"id\":\"a\",\"label\":1}\n")).isInstanceOf(InputException.class)
        .hasFieldOrPropertyWithValue("field", "output").hasFieldOrPropertyWithValue("line", 1);
    assertThatThrownBy(() -> read("{\"id\":\"a\",\"output\":\"x\",\"label\":\"yes\"}\n"))
        .hasFieldOrPropertyWithValue("field", "label");
    assertThatThrownBy(() -> read("{\"output\":\"x\",\"label\":1}\n")).hasFieldOrPropertyWithValue("field", "id");
    assertThatThrownBy(() -> read("{\"id\":\"a\",\"output\":\"x\",\"label\":1}\nnot json\n"))
        .hasFieldOrPropertyWithValue("line", 2);
    assertThatThrownBy(() -> read("{\"id\":\"a\",\"output\":\"x\",\"label\":null}\n"))
        .hasMessageContaining("no line has a label yet");
  }
}
