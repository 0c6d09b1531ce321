package dev.assay.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.Plugins;
import dev.assay.core.Suite;
import dev.assay.core.SystemSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteLoaderTest {
  private static final SuiteLoader LOADER = new SuiteLoader(Plugins.installed());

  /** A minimal valid suite; tests append or replace lines. */
  private static final String MINIMAL = """
      dataset:
        path: data/qa.jsonl
      systems:
        base:
          type: echo
      metrics: [exact_match]
      """;

  @TempDir Path dir;

  private Path write(String text) throws IOException {
    Path p = dir.resolve("suite.yaml");
    Files.write(p, text.getBytes(StandardCharsets.UTF_8));
    return p;
  }

  private Suite load(String text) throws IOException {
    return LOADER.load(write(text));
  }

  private AbstractStringAssert<?> error(String text) throws IOException {
    Path p = write(text);
    try {
      LOADER.load(p);
    } catch (InputException e) {
      return assertThat(e.render());
    }
    throw new AssertionError("no InputException for:\n" + text);
  }

  private String file() {
    return dir.resolve("suite.yaml").toString();
  }

  @Test
  void readsEveryKey() throws IOException {
    Suite s = load("""
        # a comment
        name: qa-smoke
        description: Smoke test.
        dataset:
          path: ../shared/qa.csv
          fields:
            id: qid
            input: [question, context]
            reference: answer
            tags: [lang]
        systems:
          baseline:
            type: echo
          cand.v2-x_1:
            type: echo
            suffix: "!"
        metrics:
          - exact_match
        concurrency: 4
        timeout: 500ms
        retries: 0
        rate_limit_rpm: 120.5
        seed: -7
        repeats: 3
        """);
    assertThat(s.name()).isEqualTo("qa-smoke");
    assertThat(s.file()).isEqualTo(dir.resolve("suite.yaml"));
    assertThat(s.dataset().path()).isEqualTo("../shared/qa.csv");
    assertThat(s.dataset().resolved()).isEqualTo(dir.getParent().resolve("shared/qa.csv"));
    assertThat(s.dataset().format()).isEqualTo("csv");
    assertThat(s.dataset().line()).isEqualTo(4);
    assertThat(s.dataset().fields().get("input").size()).isEqualTo(2);
    assertThat(s.systems()).extracting(SystemSpec::name).containsExactly("baseline", "cand.v2-x_1");
    SystemSpec cand = s.systems().get(1);
    assertThat(cand.type()).isEqualTo("echo");
    assertThat(cand.params()).isEqualTo(Json.object().put("suffix", "!"));
    assertThat(cand.line()).isEqualTo(14);
    assertThat(s.systems().get(0).params()).isEmpty();
    assertThat(s.metrics()).containsExactly("exact_match");
    assertThat(s.engine().concurrency()).isEqualTo(4);
    assertThat(s.engine().timeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(s.engine().retries()).isZero();
    assertThat(s.engine().rateLimitRpm()).isEqualTo(120.5);
    assertThat(s.seed()).isEqualTo(-7L);
    assertThat(s.repeats()).isEqualTo(3);
    assertThat(s.json().get("description").textValue()).isEqualTo("Smoke test.");
    assertThat(s.hash()).isEqualTo(Json.hash(s.json()));
  }

  @Test
  void appliesDefaults() throws IOException {
    Suite s = load(MINIMAL);
    assertThat(s.name()).isEqualTo("suite");
    assertThat(s.dataset().format()).isEqualTo("jsonl");
    assertThat(s.dataset().resolved()).isEqualTo(dir.resolve("data/qa.jsonl"));
    assertThat(s.dataset().fields()).isEmpty();
    assertThat(s.engine().concurrency()).isEqualTo(8);
    assertThat(s.engine().timeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(s.engine().retries()).isEqualTo(2);
    assertThat(s.engine().rateLimitRpm()).isNull();
    assertThat(s.seed()).isZero();
    assertThat(s.repeats()).isEqualTo(1);
    assertThat(s.systems().get(0).line()).isEqualTo(4);
  }

  @Test
  void timeoutForms() throws IOException {
    assertThat(load(MINIMAL + "timeout: 30s\n").engine().timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(load(MINIMAL + "timeout: 2m\n").engine().timeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(load(MINIMAL + "timeout: 1h\n").engine().timeout()).isEqualTo(Duration.ofHours(1));
    assertThat(load(MINIMAL + "timeout: 90\n").engine().timeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(load(MINIMAL + "timeout: 1.5\n").engine().timeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(load(MINIMAL + "timeout: 0.25s\n").engine().timeout()).isEqualTo(Duration.ofMillis(250));
    String expected = "(a duration from 1ms to 24h such as 30s, 500ms or 2m, or a number of seconds)";
    error(MINIMAL + "timeout: 30 sec\n").isEqualTo(file() + ":7: field 'timeout': got the string \"30 sec\" " + expected);
    error(MINIMAL + "timeout: 0s\n").isEqualTo(file() + ":7: field 'timeout': got the string \"0s\" " + expected);
    error(MINIMAL + "timeout: -1\n").isEqualTo(file() + ":7: field 'timeout': got -1 " + expected);
    error(MINIMAL + "timeout: [1]\n").isEqualTo(file() + ":7: field 'timeout': got a list " + expected);
  }

  @Test
  void hashIgnoresCommentsFormattingAndKeyOrder() throws IOException {
    String a = load(MINIMAL + "seed: 3\n").hash();
    String b = load("""
        # reordered, with comments and flow style
        seed: 3
        metrics:
          - exact_match   # the only one
        systems: {base: {type: echo}}
        dataset: {path: "data/qa.jsonl"}
        """).hash();
    assertThat(b).isEqualTo(a);
    assertThat(load(MINIMAL + "seed: 4\n").hash()).isNotEqualTo(a);
  }

  @Test
  void kpiCategoriesNameTheSuitesMetrics() throws IOException {
    Suite s = load(MINIMAL + "kpi:\n  exact_match: hallucination\n");
    assertThat(dev.assay.core.Kpi.declared(s.json())).containsEntry("exact_match", dev.assay.core.Kpi.HALLUCINATION);
    error(MINIMAL + "kpi:\n  f1: quality\n").isEqualTo(file() + ":8: field 'kpi.f1': not one of the suite's metrics "
        + "(known: exact_match)");
    error(MINIMAL + "kpi:\n  exact_match: harm\n").isEqualTo(file() + ":8: field 'kpi.exact_match': got the string "
        + "\"harm\" (one of quality, hallucination, safety)");
    error(MINIMAL + "kpi: [exact_match]\n").startsWith(file() + ":7: field 'kpi': got a list");
  }

  @Test
  void aSystemMayDeclareItselfNondeterministic() throws IOException {
    Suite s = load(MINIMAL.replace("    type: echo\n", "    type: echo\n    nondeterministic: true\n"));
    assertThat(s.systems().get(0).params().path("nondeterministic").booleanValue()).isTrue();
    error(MINIMAL.replace("    type: echo\n", "    type: echo\n    nondeterministic: sometimes\n"))
        .startsWith(file() + ":6: field 'systems.base.nondeterministic': got the string \"sometimes\"");
  }

  @Test
  void unknownKeysSuggestTheNearestKnownKey() throws IOException {
    error(MINIMAL + "concurency: 4\n")
        .isEqualTo(file() + ":7: field 'concurency': unknown key (did you mean 'concurrency'? known: cluster, concurrency, dataset, "
            + "description, gate, kpi, max_error_rate, metrics, name, rate_limit_rpm, repeats, retries, seed, systems, timeout)");
    error(MINIMAL.replace("  path: data/qa.jsonl\n", "  path: data/qa.jsonl\n  formt: csv\n"))
        .isEqualTo(file() + ":3: field 'dataset.formt': unknown key (did you mean 'format'? known: all_topics, fields, format, path, qrels)");
    error(MINIMAL.replace("  path: data/qa.jsonl\n", "  path: data/qa.jsonl\n  fields:\n    refernce: answer\n"))
        .isEqualTo(file() + ":4: field 'dataset.fields.refernce': unknown key "
            + "(did you mean 'reference'? known: id, input, reference, tags)");
  }

  @Test
  void wrongTypesNameFieldPathAndExpectation() throws IOException {
    error(MINIMAL.replace("path: data/qa.jsonl", "path: 42"))
        .isEqualTo(file() + ":2: field 'dataset.path': got 42 (a non-empty string)");
    error(MINIMAL.replace("type: echo", "type: [echo]"))
        .isEqualTo(file() + ":5: field 'systems.base.type': got a list (a non-empty string)");
    error(MINIMAL + "concurrency: 0\n").isEqualTo(file() + ":7: field 'concurrency': got 0 (an integer from 1 to 1,024)");
    error(MINIMAL + "concurrency: \"8\"\n").isEqualTo(file() + ":7: field 'concurrency': got the string \"8\" (an integer from 1 to 1,024)");
    error(MINIMAL + "concurrency: 2.5\n").isEqualTo(file() + ":7: field 'concurrency': got 2.5 (an integer from 1 to 1,024)");
    error(MINIMAL + "retries: -1\n").isEqualTo(file() + ":7: field 'retries': got -1 (an integer from 0 to 20)");
    error(MINIMAL + "repeats: 0\n").isEqualTo(file() + ":7: field 'repeats': got 0 (an integer from 1 to 1,000)");
    error(MINIMAL + "rate_limit_rpm: 0\n")
        .isEqualTo(file() + ":7: field 'rate_limit_rpm': got 0 (a number from 0.001 to 1,000,000 requests per minute)");
    error(MINIMAL + "seed: 1.5\n").isEqualTo(file() + ":7: field 'seed': got 1.5 (an integer (64-bit))");
    error(MINIMAL + "seed: 99999999999999999999\n")
        .isEqualTo(file() + ":7: field 'seed': got 99999999999999999999 (an integer (64-bit))");
    error(MINIMAL + "name: [a]\n").isEqualTo(file() + ":7: field 'name': got a list (a non-empty string)");
    error(MINIMAL + "description: 3\n").isEqualTo(file() + ":7: field 'description': got 3 (a string)");
    error(MINIMAL.replace("  path: data/qa.jsonl\n", "  path: data/qa.jsonl\n  fields:\n    tags: 3\n"))
        .isEqualTo(file() + ":4: field 'dataset.fields.tags': got 3 (a field name or a list of field names)");
    error(MINIMAL.replace("  path: data/qa.jsonl\n", "  path: data/qa.jsonl\n  fields: [a]\n"))
        .isEqualTo(file() + ":3: field 'dataset.fields': got a list (a mapping)");
  }

  @Test
  void clusterNamesAnExampleField() throws IOException {
    assertThat(load(MINIMAL).clusterField()).isEmpty();
    assertThat(load(MINIMAL + "cluster: document_id\n").clusterField()).contains("document_id");
    error(MINIMAL + "cluster: 3\n").isEqualTo(file() + ":7: field 'cluster': got 3 (the name of the example "
        + "field that groups examples, e.g. cluster: document_id)");
    error(MINIMAL + "cluster: [doc]\n").startsWith(file() + ":7: field 'cluster': got a list");
    error(MINIMAL + "cluster: \" \"\n").startsWith(file() + ":7: field 'cluster': got the string");
    error(MINIMAL + "clustre: doc\n").contains("did you mean 'cluster'");
  }

  @Test
  void datasetSection() throws IOException {
    error("systems: {base: {type: echo}}\nmetrics: [exact_match]\n")
        .isEqualTo(file() + ": field 'dataset': missing (a dataset section with at least a path)");
    error(MINIMAL.replace("  path: data/qa.jsonl\n", "  format: jsonl\n"))
        .isEqualTo(file() + ":1: field 'dataset.path': missing (the dataset file, relative to the suite's folder)");
    error(MINIMAL.replace("path: data/qa.jsonl", "path: data/qa.json"))
        .isEqualTo(file() + ":2: field 'dataset.format': cannot tell the format from the file name "
            + "(format: jsonl or format: csv, or a .jsonl, .ndjson or .csv file)");
    error(MINIMAL.replace("  path: data/qa.jsonl\n", "  path: data/qa.txt\n  format: JSONL\n"))
        .isEqualTo(file() + ":3: field 'dataset.format': unknown format 'JSONL' (did you mean 'jsonl'? known: csv, jsonl)");
    assertThat(load(MINIMAL.replace("  path: data/qa.jsonl\n", "  path: data/qa.txt\n  format: csv\n")).dataset().format())
        .isEqualTo("csv");
    assertThat(load(MINIMAL.replace("qa.jsonl", "qa.NDJSON")).dataset().format()).isEqualTo("jsonl");
  }

  @Test
  void systemsSection() throws IOException {
    error("dataset: {path: d.jsonl}\nmetrics: [exact_match]\n")
        .startsWith(file() + ": field 'systems': missing (a mapping of system names");
    error("dataset: {path: d.jsonl}\nsystems: {}\nmetrics: [exact_match]\n")
        .startsWith(file() + ":2: field 'systems': no systems (at least one system");
    error(MINIMAL.replace("  base:", "  bad name:"))
        .isEqualTo(file() + ":4: field 'systems.bad name': invalid system name (letters, digits, '_', '.' and '-' only)");
    error(MINIMAL.replace("    type: echo\n", "    suffix: x\n"))
        .isEqualTo(file() + ":4: field 'systems.base.type': missing (the adapter type, one of: echo)");
    error(MINIMAL.replace("  base:\n    type: echo\n", "  base: echo\n"))
        .startsWith(file() + ":4: field 'systems.base': got the string \"echo\" (a mapping with type: ADAPTER");
  }

  @Test
  void systemsAreCheckedAgainstThePlugins() throws IOException {
    error(MINIMAL.replace("type: echo", "type: ecko"))
        .isEqualTo(file() + ":5: field 'systems.base.type': unknown adapter 'ecko' (did you mean 'echo'? known: echo)");
    error(MINIMAL.replace("    type: echo\n", "    type: echo\n    sufix: x\n"))
        .as("the line of the parameter, not of the system")
        .isEqualTo(file() + ":6: field 'systems.base.sufix': unknown parameter for adapter 'echo' "
            + "(did you mean 'suffix'? known: suffix)");
  }

  @Test
  void everyAdapterAcceptsTheEngineParameters() throws IOException {
    Suite suite = load(MINIMAL.replace("    type: echo\n", "    type: echo\n    rate_limit_rpm: 30\n"));
    assertThat(suite.systems().get(0).params().get("rate_limit_rpm").asInt()).isEqualTo(30);
  }

  @Test
  void metricsAreCheckedAgainstThePlugins() throws IOException {
    error(MINIMAL.replace("metrics: [exact_match]", "metrics:\n  - exact_match\n  - exact_mach"))
        .isEqualTo(file() + ":8: field 'metrics': unknown metric 'exact_mach' (did you mean 'exact_match'? known: exact_match)");
    error(MINIMAL.replace("metrics: [exact_match]", "metrics: []"))
        .startsWith(file() + ":6: field 'metrics': no metrics (at least one metric");
    error(MINIMAL.replace("metrics: [exact_match]", "metrics: exact_match"))
        .startsWith(file() + ":6: field 'metrics': got the string \"exact_match\" (a list of metric names");
    error(MINIMAL.replace("metrics: [exact_match]", "metrics:\n  - exact_match\n  - exact_match"))
        .isEqualTo(file() + ":8: field 'metrics': metric 'exact_match' listed twice (each metric once)");
    error(MINIMAL.replace("metrics: [exact_match]", "metrics: [{a: 1}]"))
        .startsWith(file() + ":6: field 'metrics': got a mapping (a metric name");
  }

  @Test
  void yamlProblemsNameTheLine() throws IOException {
    error(MINIMAL + "seed: 1\n  oops: 2\n").startsWith(file() + ":8: invalid YAML: ").endsWith("(valid YAML; indent with spaces)");
    error(MINIMAL + "seed: [1,\n").startsWith(file() + ":").contains("invalid YAML");
    error(MINIMAL + "seed:\t1\n\tx: 2\n").contains(":7: invalid YAML: ").contains("tab");
    error(MINIMAL + "seed: 1\nseed: 2\n")
        .isEqualTo(file() + ":8: field 'seed': duplicate key (each key once per mapping)");
    error(MINIMAL.replace("    type: echo\n", "    type: echo\n    type: echo\n"))
        .isEqualTo(file() + ":6: field 'systems.base.type': duplicate key (each key once per mapping)");
    error(MINIMAL + "---\nseed: 1\n").isEqualTo(file() + ":8: more than one YAML document (one document per suite file)");
    error("").isEqualTo(file() + ": empty suite file (a YAML mapping with dataset, systems and metrics)");
    error("# only a comment\n").isEqualTo(file() + ": empty suite file (a YAML mapping with dataset, systems and metrics)");
    error("- a\n- b\n").isEqualTo(file() + ":1: the suite is not a mapping (a YAML mapping with dataset, systems and metrics)");
    error(MINIMAL + "seed: *nope\n").isEqualTo(file() + ":7: field 'seed': unknown alias '*nope' (an anchor '&nope' defined before it)");
  }

  @Test
  void aliasesAreExpanded() throws IOException {
    Suite s = load("""
        dataset: {path: d.jsonl}
        systems:
          a: &common
            type: echo
            suffix: "?"
          b: *common
        metrics: [exact_match]
        """);
    assertThat(s.systems().get(1).params()).isEqualTo(s.systems().get(0).params());
    assertThat(s.systems().get(1).type()).isEqualTo("echo");
  }

  @Test
  void missingSuiteFile() {
    Path missing = dir.resolve("nope.yaml");
    try {
      LOADER.load(missing);
      throw new AssertionError("no error");
    } catch (InputException e) {
      assertThat(e.line()).isZero();
      assertThat(e.render()).startsWith(missing + ": file not found (a suite file (YAML) at ");
    }
  }

  @Test
  void fromJsonRebuildsTheSameSuite() throws IOException {
    Suite s = load(MINIMAL + "seed: 5\ntimeout: 2m\n");
    ObjectNode stored = (ObjectNode) Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(s.json()));
    Suite again = LOADER.fromJson(stored, s.file());
    assertThat(again).usingRecursiveComparison().ignoringFields("dataset.line", "systems.line", "lines").isEqualTo(s);
    assertThat(again.dataset().line()).isZero();
  }

  @Test
  void fromJsonErrorsHaveNoLine() throws IOException {
    JsonNode json = Json.MAPPER.readTree("{\"dataset\":{\"path\":\"d.jsonl\"},\"systems\":{\"a\":{\"type\":\"echo\"}},"
        + "\"metrics\":[\"exact_match\"],\"retries\":\"two\"}");
    try {
      LOADER.fromJson((ObjectNode) json, Path.of("suites", "x.yaml"));
      throw new AssertionError("no error");
    } catch (InputException e) {
      assertThat(e.render())
          .isEqualTo(Path.of("suites", "x.yaml") + ": field 'retries': got the string \"two\" (an integer from 0 to 20)");
    }
  }
}
