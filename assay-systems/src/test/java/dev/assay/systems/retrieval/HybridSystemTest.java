package dev.assay.systems.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Example;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.Plugins;
import dev.assay.core.SystemSpec;
import dev.assay.core.SystemUnderTest;
import dev.assay.testkit.SystemConformance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hybrid adapter passes the conformance suite (weighted fusion, nested part parameters), and
 * its parameters are validated with messages naming the nested field.
 */
class HybridSystemTest extends SystemConformance {
  @TempDir Path dir;

  private HybridRetriever reference;

  private static ObjectNode params() {
    ObjectNode p = Json.object().put("corpus", "corpus.jsonl").put("top_k", 4).put("depth", 6)
        .put("fusion", "weighted").put("weight", 0.7);
    p.putObject("bm25").put("k1", 1.2).put("b", 0.75).put("analyzer", "standard");
    p.putObject("dense").put("cache_dir", "cache");
    return p;
  }

  @Override
  protected SystemUnderTest newSystem() throws Exception {
    TinyCorpus.write(dir);
    return Plugins.installed().system(new SystemSpec("fused", "hybrid", params(), 9), dev.assay.testkit.Contexts.suite(dir.resolve("suite.yaml")));
  }

  @Override
  protected List<Example> examples() {
    return TinyCorpus.examples();
  }

  @Override
  protected String expectedOutput(Example e) {
    try {
      if (reference == null) {
        Corpus c = TinyCorpus.load(Files.createDirectories(dir.resolve("reference")));
        reference = new HybridRetriever(new Bm25Retriever(c, 1.2, 0.75, TextAnalysis.STANDARD),
            new DenseRetriever(c, MiniLmEmbedder.shared(), null), new Fusion.Weighted(0.7), 6);
      }
      return Json.canonical(Hits.toJson(reference.search(e.inputText(), 4)));
    } catch (Exception ex) {
      throw new AssertionError(ex);
    }
  }

  @AfterEach
  void closeReference() {
    if (reference != null) {
      reference.close();
    }
  }

  @Override
  protected Optional<Example> unanswerable() {
    return Optional.of(new Example("number-input", Json.MAPPER.getNodeFactory().numberNode(42), null, null, null, 0));
  }

  @Test
  void fusionFindsBothLexicalAndParaphrasedMatches() throws Exception {
    Corpus c = TinyCorpus.load(dir);
    try (HybridRetriever h = new HybridRetriever(new Bm25Retriever(c, 0.9, 0.4, TextAnalysis.ENGLISH),
        new DenseRetriever(c, MiniLmEmbedder.shared(), null), new Fusion.Rrf(60), 100)) {
      assertThat(h.search("sourdough starter", 1).get(0).docid()).isEqualTo("starter");
      assertThat(h.search("my kitty naps all afternoon", 1).get(0).docid()).isEqualTo("cats");
    }
  }

  @Test
  void badParametersNameTheNestedField() throws Exception {
    TinyCorpus.write(dir);
    ObjectNode p = params();
    ((ObjectNode) p.get("bm25")).put("k2", 1);
    assertThat(fault(p)).isEqualTo(dir.resolve("suite.yaml")
        + ":9: field 'systems.fused.bm25.k2': unknown parameter (did you mean 'k1'? known: analyzer, b, k1)");
    p = params();
    ((ObjectNode) p.get("bm25")).put("b", -1);
    assertThat(fault(p)).contains("field 'systems.fused.bm25.b': got -1 (a number from 0 to 1)");
    p = params();
    p.put("dense", "fast");
    assertThat(fault(p)).contains("field 'systems.fused.dense': got the string \"fast\" (an object of parameters: cache_dir)");
    p = params();
    p.put("fusion", "rrf");
    assertThat(fault(p)).contains("field 'systems.fused.weight': applies to weighted fusion only");
    p = params();
    p.put("rrf_k", 10);
    assertThat(fault(p)).contains("field 'systems.fused.rrf_k': applies to reciprocal rank fusion only");
    p = params();
    p.put("fusion", "max");
    assertThat(fault(p)).contains("field 'systems.fused.fusion': got the string \"max\"", "known: rrf, weighted");
    p = params();
    p.put("weight", 2);
    assertThat(fault(p)).contains("field 'systems.fused.weight': got 2 (a number from 0 to 1)");
  }

  private String fault(ObjectNode params) {
    InputException e = catchThrowableOfType(InputException.class,
        () -> Plugins.installed().system(new SystemSpec("fused", "hybrid", params, 9), dev.assay.testkit.Contexts.suite(dir.resolve("suite.yaml"))).close());
    assertThat(e).as("an InputException for %s", params).isNotNull();
    return e.render();
  }
}
