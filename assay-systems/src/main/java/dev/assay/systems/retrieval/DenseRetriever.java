package dev.assay.systems.retrieval;

import java.util.List;

/**
 * Dense retrieval: documents and queries embedded by a {@link TextEmbedder}, ranked by exact
 * cosine similarity ({@link VectorIndex}).
 *
 * <p>Document vectors come from an {@link EmbeddingCache} when one is given (computed once per
 * corpus and model). Each query is embedded on the calling thread; the embedder and the index are
 * thread-safe, so concurrent searches need no lock. Scores are cosines in [-1, 1].
 */
public final class DenseRetriever implements Retriever {
  private final TextEmbedder embedder;
  private final VectorIndex index;

  /**
   * @param cache where corpus vectors are kept; null embeds the corpus without caching
   * @throws InterruptedException when interrupted while embedding the corpus
   */
  public DenseRetriever(Corpus corpus, TextEmbedder embedder, EmbeddingCache cache) throws InterruptedException {
    this.embedder = embedder;
    float[][] vectors;
    if (cache != null) {
      vectors = cache.embeddings(embedder, corpus);
    } else {
      List<String> texts = corpus.documents().stream().map(CorpusDocument::contents).toList();
      vectors = embedder.embedAll(texts);
    }
    String[] ids = corpus.documents().stream().map(CorpusDocument::id).toArray(String[]::new);
    this.index = new VectorIndex(ids, vectors);
  }

  @Override
  public List<Hit> search(String query, int k) throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    if (query.isBlank()) {
      return List.of();
    }
    return index.nearest(embedder.embed(query), k);
  }
}
