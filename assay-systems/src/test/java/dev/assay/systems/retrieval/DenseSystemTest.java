package dev.assay.systems.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.assay.core.Example;
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
 * The dense adapter (the real all-MiniLM-L6-v2) passes the conformance suite; its scores are the
 * cosines of the model's vectors; it finds documents that share no word with the query.
 */
class DenseSystemTest extends SystemConformance {
  @TempDir Path dir;

  private DenseRetriever reference;

  @Override
  protected SystemUnderTest newSystem() throws Exception {
    TinyCorpus.write(dir);
    SystemSpec spec = new SystemSpec("semantic", "dense",
        Json.object().put("corpus", "corpus.jsonl").put("top_k", 3).put("cache_dir", "cache"), 3);
    return Plugins.installed().system(spec, dev.assay.testkit.Contexts.suite(dir.resolve("suite.yaml")));
  }

  @Override
  protected List<Example> examples() {
    return TinyCorpus.examples();
  }

  /** The answer of a retriever built separately, without a cache: cached vectors must equal fresh ones. */
  @Override
  protected String expectedOutput(Example e) {
    try {
      if (reference == null) {
        reference = new DenseRetriever(TinyCorpus.load(Files.createDirectories(dir.resolve("reference"))),
            MiniLmEmbedder.shared(), null);
      }
      return Json.canonical(Hits.toJson(reference.search(e.inputText(), 3)));
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
    return Optional.of(new Example("list-input", Json.MAPPER.createArrayNode().add("bread"), null, null, null, 0));
  }

  @Test
  void findsDocumentsThatShareNoWordWithTheQuery() throws Exception {
    try (DenseRetriever r = new DenseRetriever(TinyCorpus.load(dir), MiniLmEmbedder.shared(), null)) {
      assertThat(r.search("my kitty naps all afternoon", 1).get(0).docid()).isEqualTo("cats");
      assertThat(r.search("how the ocean level changes each day", 1).get(0).docid()).isEqualTo("tides");
      assertThat(r.search("molten rock from a mountain", 1).get(0).docid()).isEqualTo("volcano");
      assertThat(r.search("lubricating the drivetrain of my bike", 1).get(0).docid()).isEqualTo("bikes");
    }
  }

  @Test
  void scoresAreCosinesOfTheModelsVectors() throws Exception {
    Corpus corpus = TinyCorpus.load(dir);
    TextEmbedder model = MiniLmEmbedder.shared();
    String query = "fermented dough";
    float[] q = model.embed(query);
    try (DenseRetriever r = new DenseRetriever(corpus, model, null)) {
      List<Hit> hits = r.search(query, corpus.size());
      assertThat(hits).hasSize(corpus.size());
      for (Hit h : hits) {
        CorpusDocument d = corpus.documents().stream().filter(x -> x.id().equals(h.docid())).findFirst().orElseThrow();
        assertThat(h.score()).as("cosine of %s", h.docid()).isCloseTo(cosine(q, model.embed(d.contents())), within(1e-5));
      }
      assertThat(hits).isSortedAccordingTo(Hits.TREC_ORDER);
    }
  }

  @Test
  void aBlankQueryRetrievesNothing() throws Exception {
    try (DenseRetriever r = new DenseRetriever(TinyCorpus.load(dir), MiniLmEmbedder.shared(), null)) {
      assertThat(r.search("  ", 5)).isEmpty();
    }
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }
}
