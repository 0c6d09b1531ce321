package dev.assay.systems.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.management.OperatingSystemMXBean;
import dev.assay.metrics.retrieval.RetrievalEvaluation;
import dev.assay.metrics.retrieval.RetrievalOptions;
import dev.assay.metrics.retrieval.Run;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * bm25, dense and hybrid over all 225 Cranfield queries, scored as trec_eval scores them (binary
 * judgments; every judged topic averaged, {@code -c}), against lower bounds a little under what
 * these retrievers measure. All three are deterministic, so the bounds catch real regressions (an
 * analyzer, fusion or embedding bug) and never noise.
 *
 * <p>Published figures for orientation: BM25 with stemming on Cranfield reaches MAP around 0.28 to
 * 0.30 with binary judgments (e.g. the Cranfield baselines of PyTerrier's tutorials); we measure
 * 0.289 with Lucene's defaults. Corpus embeddings are cached under {@code
 * target/embedding-cache} between runs (the first run embeds 1,400 abstracts), and query
 * embeddings are computed once and shared by the dense and hybrid runs. The quality table and
 * timings go to the test's output file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CranfieldQualityTest {
  private static final List<String> MEASURES = List.of("ndcg_cut_10", "map", "recall_100");
  private static final int DEPTH = 100;

  private Cranfield cranfield;
  private Bm25Retriever bm25;
  private DenseRetriever dense;
  private final StringBuilder table = new StringBuilder();

  /** Query vectors computed once for all runs; documents are embedded by the model itself. */
  private static final class MemoEmbedder implements TextEmbedder {
    private final TextEmbedder model;
    private final Map<String, float[]> memo = new ConcurrentHashMap<>();

    MemoEmbedder(TextEmbedder model) {
      this.model = model;
    }

    @Override
    public String name() {
      return model.name();
    }

    @Override
    public int dimension() {
      return model.dimension();
    }

    @Override
    public float[] embed(String text) {
      return memo.computeIfAbsent(text, model::embed);
    }

    @Override
    public float[][] embedAll(List<String> texts) throws InterruptedException {
      return model.embedAll(texts);
    }

    void warm(List<String> texts) throws InterruptedException {
      float[][] v = model.embedAll(texts);
      for (int i = 0; i < v.length; i++) {
        memo.put(texts.get(i), v[i]);
      }
    }
  }

  @BeforeAll
  void load() throws Exception {
    String prop = System.getProperty("assay.shared.data");
    Path data = (prop != null ? Path.of(prop) : Path.of("..", "..", "shared", "data")).resolve("cranfield");
    assumeTrue(Files.isRegularFile(data.resolve("original").resolve("cran.all.1400")),
        "Cranfield is absent at " + data.toAbsolutePath() + " (set -Dassay.shared.data); skipping the quality test");
    cranfield = Cranfield.load(data);
    assertThat(cranfield.corpus().size()).isEqualTo(1400);
    assertThat(cranfield.queries()).hasSize(225);
    assertThat(cranfield.qrels().size()).isEqualTo(225);
    Clock clock = new Clock();
    bm25 = new Bm25Retriever(cranfield.corpus(), RetrieverFactory.DEFAULT_K1, RetrieverFactory.DEFAULT_B,
        TextAnalysis.ENGLISH);
    table.append("bm25 index: ").append(clock.lap()).append('\n');
    MiniLmEmbedder model = MiniLmEmbedder.shared();
    model.embed("warm up");
    table.append("model load: ").append(clock.lap()).append('\n');
    MemoEmbedder memo = new MemoEmbedder(model);
    dense = new DenseRetriever(cranfield.corpus(), memo, new EmbeddingCache(Path.of("target", "embedding-cache")));
    table.append("dense corpus vectors (embedding on the first run, else the cache): ").append(clock.lap()).append('\n');
    memo.warm(new ArrayList<>(cranfield.queries().values()));
    table.append("225 query embeddings: ").append(clock.lap()).append('\n');
    table.append(String.format(Locale.ROOT, "%-24s %8s %8s %10s %14s%n", "system", "nDCG@10", "MAP", "recall@100",
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
    Map<String, Double> m = RetrievalEvaluation.evaluate(cranfield.qrels(), run.build(),
        RetrievalOptions.defaults().withMeasures(MEASURES).withAllTopics(true)).aggregate();
    synchronized (table) {
      table.append(String.format(Locale.ROOT, "%-24s %8.4f %8.4f %10.4f %11d ms%n", name, m.get("ndcg_cut_10"),
          m.get("map"), m.get("recall_100"), ms));
    }
    return m;
  }

  @Test
  void bm25WithDefaults() throws Exception {
    Map<String, Double> m = evaluate("bm25 (k1=1.2, b=0.75)", bm25);
    assertThat(m.get("ndcg_cut_10")).as("bm25 nDCG@10").isGreaterThan(0.36);
    assertThat(m.get("map")).as("bm25 MAP").isGreaterThan(0.275);
    assertThat(m.get("recall_100")).as("bm25 recall@100").isGreaterThan(0.71);
  }

  @Test
  void bm25WithAnseriniParameters() throws Exception {
    try (Bm25Retriever anserini = new Bm25Retriever(cranfield.corpus(), 0.9, 0.4, TextAnalysis.ENGLISH)) {
      Map<String, Double> m = evaluate("bm25 (k1=0.9, b=0.4)", anserini);
      assertThat(m.get("ndcg_cut_10")).as("bm25 k1=0.9 b=0.4 nDCG@10").isGreaterThan(0.34);
    }
  }

  @Test
  void bm25WithoutStemmingIsWorse() throws Exception {
    try (Bm25Retriever standard = new Bm25Retriever(cranfield.corpus(), RetrieverFactory.DEFAULT_K1,
        RetrieverFactory.DEFAULT_B, TextAnalysis.STANDARD)) {
      Map<String, Double> m = evaluate("bm25 standard analyzer", standard);
      assertThat(m.get("ndcg_cut_10")).as("bm25 standard nDCG@10").isGreaterThan(0.30);
      // Cranfield's queries and abstracts vary word forms (flow/flows, heated/heating): stemming helps.
      Map<String, Double> english = evaluate("bm25 english (again)", bm25);
      assertThat(m.get("map")).as("MAP without stemming vs with").isLessThan(english.get("map"));
    }
  }

  @Test
  void dense() throws Exception {
    Map<String, Double> m = evaluate("dense (all-MiniLM-L6-v2)", dense);
    assertThat(m.get("ndcg_cut_10")).as("dense nDCG@10").isGreaterThan(0.38);
    assertThat(m.get("map")).as("dense MAP").isGreaterThan(0.30);
    assertThat(m.get("recall_100")).as("dense recall@100").isGreaterThan(0.76);
  }

  @Test
  void hybridRrfBeatsBm25() throws Exception {
    Map<String, Double> m = evaluate("hybrid rrf k=60", new HybridRetriever(bm25, dense, new Fusion.Rrf(60), DEPTH));
    assertThat(m.get("ndcg_cut_10")).as("hybrid nDCG@10").isGreaterThan(0.40);
    assertThat(m.get("map")).as("hybrid MAP").isGreaterThan(0.32);
    assertThat(m.get("recall_100")).as("hybrid recall@100").isGreaterThan(0.77);
  }

  @Test
  void hybridWeighted() throws Exception {
    Map<String, Double> m = evaluate("hybrid weighted 0.5",
        new HybridRetriever(bm25, dense, new Fusion.Weighted(0.5), DEPTH));
    assertThat(m.get("ndcg_cut_10")).as("hybrid weighted nDCG@10").isGreaterThan(0.40);
    assertThat(m.get("map")).as("hybrid weighted MAP").isGreaterThan(0.32);
  }

  /** Wall and process CPU time (all threads, native ones included) between laps. */
  private static final class Clock {
    private final OperatingSystemMXBean os =
        (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long wall = System.nanoTime();
    private long cpu = os.getProcessCpuTime();

    String lap() {
      long w = System.nanoTime();
      long c = os.getProcessCpuTime();
      String s = String.format(Locale.ROOT, "%.1f s wall, %.1f s CPU", (w - wall) / 1e9, (c - cpu) / 1e9);
      wall = w;
      cpu = c;
      return s;
    }
  }
}
