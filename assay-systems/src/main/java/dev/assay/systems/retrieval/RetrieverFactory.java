package dev.assay.systems.retrieval;

import java.nio.file.Path;
import java.util.Set;

/**
 * Builds retrievers from suite parameters; shared by the {@code bm25}, {@code dense} and {@code
 * hybrid} providers so a hybrid's parts take exactly the parameters of the stand-alone systems.
 */
final class RetrieverFactory {
  /**
   * Lucene's and Robertson's classic BM25 defaults. Anserini's 0.9 / 0.4 (tuned for MS MARCO
   * passages) measured lower on Cranfield (nDCG@10 0.357 against 0.375; docs/retrievers.md).
   */
  static final double DEFAULT_K1 = 1.2;

  static final double DEFAULT_B = 0.75;
  static final String DEFAULT_ANALYZER = "english";
  static final int DEFAULT_TOP_K = 100;

  /** The dense cache folder when none is given: under the CLI's store, relative to the working directory. */
  static final Path DEFAULT_CACHE_DIR = Path.of(".assay", "embeddings");

  static final Set<String> BM25_PARAMS = Set.of("k1", "b", "analyzer");
  static final Set<String> DENSE_PARAMS = Set.of("cache_dir");

  private RetrieverFactory() {}

  static Bm25Retriever bm25(RetrievalParams p, Corpus corpus) {
    double k1 = p.params().number("k1", DEFAULT_K1, 0, 1000);
    double b = p.params().number("b", DEFAULT_B, 0, 1);
    String analyzer = p.params().choice("analyzer", DEFAULT_ANALYZER, Set.of("standard", "english"));
    return new Bm25Retriever(corpus, k1, b, TextAnalysis.valueOf(analyzer.toUpperCase(java.util.Locale.ROOT)));
  }

  static DenseRetriever dense(RetrievalParams p, Corpus corpus) {
    Path cacheDir = p.params().has("cache_dir") ? p.params().path("cache_dir", p.folder())
        : p.workingDirectory().resolve(DEFAULT_CACHE_DIR).toAbsolutePath();
    try {
      return new DenseRetriever(corpus, MiniLmEmbedder.shared(), new EmbeddingCache(cacheDir));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while embedding the corpus", e);
    }
  }

  static int topK(RetrievalParams p) {
    return p.documents("top_k", DEFAULT_TOP_K, "documents per answer (default 100)");
  }
}
