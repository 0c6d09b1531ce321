package dev.assay.systems.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.assay.metrics.retrieval.RetrievalEvaluation;
import dev.assay.metrics.retrieval.RetrievalOptions;
import dev.assay.metrics.retrieval.RetrievalResult;
import dev.assay.metrics.retrieval.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * bm25, dense and hybrid over all 225 Cranfield queries, scored as trec_eval scores them
 * (binary judgments, every judged topic averaged: {@code -c}), against lower bounds a little under
 * what these retrievers measure, so a real regression (an analyzer, a fusion or an embedding bug)
 * fails while run-to-run noise cannot (all three are deterministic).
 *
 * <p>Published figures for orientation: BM25 on Cranfield with stemming reaches MAP about 0.28
 * to 0.30 and nDCG@10 about 0.30 to 0.31 with binary judgments (the Cranfield baselines in
 * PyTerrier's and ir_datasets' tutorials). Corpus embeddings are cached under {@code
 * target/embedding-cache} between runs. The quality table and timings are printed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CranfieldQualityTest {
  private static final List<String> MEASURES = List.of("ndcg_cut_10", "map", "recall_100");
  private static final int DEPTH = 100;

  private Cranfield cranfield;
  private Bm25Retriever bm25;
  private DenseRetriever dense;
  private final StringBuilder table = new StringBuilder();

  @BeforeAll
  void load() throws Exception {
    String prop = System.getProperty("assay.shared.data");
    Path data = (prop != null ? Path.of(prop) : Path.of("..", "..", "shared", "data")).resolve("cranfield");
    assumeTrue(Files.isRegularFile(data.resolve("original").resolve("cran.all.1400")),
        "Cranfield is absent at " + data.toAbsolutePath() + " (set -Dassay.shared.data); skipping the quality test");
    cranfield = Cranfield.load(data);
    assertThat(cranfield.corpus().size()).isEqualTo(1400);
    assertThat(cranfield.queries()).hasSize(225);
    long t0 = System.nanoTime();
    bm25 = new Bm25Retriever(cranfield.corpus(), RetrieverFactory.DEFAULT_K1, RetrieverFactory.DEFAULT_B,
        TextAnalysis.ENGLISH);
    long t1 = System.nanoTime();
    dense = new DenseRetriever(cranfield.corpus(), MiniLmEmbedder.shared(),
        new EmbeddingCache(Path.of("target", "embedding-cache")));
    long t2 = System.nanoTime();
    table.append(String.format(Locale.ROOT, "index: bm25 %.0f ms, dense %.0f ms (model load + embedding, or cache read)%n",
        (t1 - t0) / 1e6, (t2 - t1) / 1e6));
    table.append(String.format(Locale.ROOT, "%-22s %8s %8s %10s %12s%n", "system", "nDCG@10", "MAP", "recall@100",
        "225 queries"));
  }

  @AfterAll
  void close() {
    if (bm25 != null) {
      bm25.close();
    }
    System.out.print(table);
  }

  private Map<String, Double> evaluate(String name, Retriever retriever) throws InterruptedException {
    Run.Builder run = Run.builder(name);
    long start = System.nanoTime();
    for (Map.Entry<String, String> q : cranfield.queries().entrySet()) {
      for (Hit h : retriever.search(q.getValue(), DEPTH)) {
        run.add(q.getKey(), h.docid(), h.score());
      }
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    RetrievalResult r = RetrievalEvaluation.evaluate(cranfield.qrels(), run.build(),
        RetrievalOptions.defaults().withMeasures(MEASURES).withAllTopics(true));
    Map<String, Double> m = r.aggregate();
    table.append(String.format(Locale.ROOT, "%-22s %8.4f %8.4f %10.4f %9d ms%n", name, m.get("ndcg_cut_10"),
        m.get("map"), m.get("recall_100"), ms));
    return m;
  }

  @Test
  void bm25() throws Exception {
    Map<String, Double> m = evaluate("bm25 (k1=0.9, b=0.4)", bm25);
    assertThat(m.get("ndcg_cut_10")).as("bm25 nDCG@10").isGreaterThan(0.40);
    assertThat(m.get("map")).as("bm25 MAP").isGreaterThan(0.35);
    assertThat(m.get("recall_100")).as("bm25 recall@100").isGreaterThan(0.75);
  }

  @Test
  void bm25WithLuceneDefaults() throws Exception {
    try (Bm25Retriever lucene = new Bm25Retriever(cranfield.corpus(), 1.2, 0.75, TextAnalysis.ENGLISH)) {
      Map<String, Double> m = evaluate("bm25 (k1=1.2, b=0.75)", lucene);
      assertThat(m.get("ndcg_cut_10")).as("bm25 Lucene defaults nDCG@10").isGreaterThan(0.35);
    }
  }

  @Test
  void bm25WithoutStemming() throws Exception {
    try (Bm25Retriever standard = new Bm25Retriever(cranfield.corpus(), 0.9, 0.4, TextAnalysis.STANDARD)) {
      Map<String, Double> m = evaluate("bm25 standard analyzer", standard);
      assertThat(m.get("ndcg_cut_10")).as("bm25 standard nDCG@10").isGreaterThan(0.30);
    }
  }

  @Test
  void dense() throws Exception {
    Map<String, Double> m = evaluate("dense (MiniLM-L6-v2)", dense);
    assertThat(m.get("ndcg_cut_10")).as("dense nDCG@10").isGreaterThan(0.30);
    assertThat(m.get("recall_100")).as("dense recall@100").isGreaterThan(0.60);
  }

  @Test
  void hybridRrf() throws Exception {
    Map<String, Double> m = evaluate("hybrid rrf k=60", new HybridRetriever(bm25, dense, new Fusion.Rrf(60), DEPTH));
    assertThat(m.get("ndcg_cut_10")).as("hybrid nDCG@10").isGreaterThan(0.40);
    assertThat(m.get("recall_100")).as("hybrid recall@100").isGreaterThan(0.75);
  }

  @Test
  void hybridWeighted() throws Exception {
    Map<String, Double> m = evaluate("hybrid weighted 0.5",
        new HybridRetriever(bm25, dense, new Fusion.Weighted(0.5), DEPTH));
    assertThat(m.get("ndcg_cut_10")).as("hybrid weighted nDCG@10").isGreaterThan(0.40);
  }
}
