package dev.assay.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.assay.core.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateLoaderTest {
  @TempDir Path dir;

  @Test
  void readsAGateFile() throws Exception {
    Gate g = GateLoader.fromFile(write("confidence: 0.9\nmultiplicity: bh\nrules:\n"
        + "  - {rule: non_inferiority, metric: f1, margin: 2%}\n"
        + "  - {rule: at_most, metric: violation, threshold: 0.01}\n"
        + "  - {rule: no_regressions, metric: exact_match}\n"));
    assertThat(g.confidence()).isEqualTo(0.9);
    assertThat(g.multiplicity()).isEqualTo(Multiplicity.BH);
    assertThat(g.rules()).hasSize(3);
    assertThat(((Rule.Paired) g.rules().get(0)).margin()).isEqualTo(new Margin(2, true));
    assertThat(g.rules().get(0).line()).isEqualTo(4);
    assertThat(((Rule.NoRegressions) g.rules().get(2)).tag()).isEqualTo("critical");
    assertThat(((Rule.NoRegressions) g.rules().get(2)).passThreshold()).isEmpty();
    assertThat(g.hash()).hasSize(64);
  }

  @Test
  void readsTheGateSectionOfASuite() throws Exception {
    Path suite = write("name: s\ndataset: {path: d.jsonl}\ngate:\n  rules:\n    - rule: superiority\n      metric: f1\n");
    assertThat(GateLoader.fromSuite(suite)).get().satisfies(g -> assertThat(g.multiplicity()).isEqualTo(Multiplicity.HOLM));
    assertThat(GateLoader.fromFile(suite).rules().get(0).kind()).isEqualTo("superiority");
    assertThat(GateLoader.fromSuite(write("name: s\n"))).isEmpty();
  }

  @Test
  void errorsNameTheLineAndSuggest() throws Exception {
    expect("rules:\n  - rule: superiority\n    metric: f1\n    margni: 0.1\n",
        ":4: field 'rules[0].margni': unknown key (did you mean 'margin'?");
    expect("rules:\n  - rule: superiorty\n    metric: f1\n",
        ":2: field 'rules[0].rule': unknown rule 'superiorty' (did you mean 'superiority'?");
    expect("confidnce: 0.9\nrules: []\n", ":1: field 'confidnce': unknown key (did you mean 'confidence'?");
    expect("confidence: 95\nrules:\n  - {rule: superiority, metric: f1}\n", ":1: field 'confidence': got 95");
    expect("rules:\n  - {rule: at_most, metric: v}\n", ":2: field 'rules[0].threshold': missing");
    expect("rules:\n  - {rule: at_most, metric: v, threshold: 1, margin: 2}\n",
        "field 'rules[0].margin': margin does not apply to at_most");
    expect("rules:\n  - {rule: superiority, metric: f1, margin: lots}\n", "field 'rules[0].margin': got the string \"lots\"");
    expect("multiplicity: holmes\nrules:\n  - {rule: superiority, metric: f1}\n",
        ":1: field 'multiplicity': unknown multiplicity control 'holmes' (did you mean 'holm'?");
    expect("gate:\n  rules:\n    - {rule: superiority}\n", ":3: field 'gate.rules[0].metric': missing");
    expect("", "empty gate file");
  }

  private void expect(String yaml, String message) throws Exception {
    Path f = write(yaml);
    assertThatThrownBy(() -> GateLoader.fromFile(f)).isInstanceOf(InputException.class)
        .satisfies(e -> assertThat(((InputException) e).render()).startsWith(f.toString()).contains(message));
  }

  private Path write(String content) throws Exception {
    Path f = Files.createTempFile(dir, "gate", ".yaml");
    Files.writeString(f, content);
    return f;
  }
}
