package dev.assay.systems.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Corpus vectors are computed once per (model, corpus content), and bad cache files are never trusted. */
class EmbeddingCacheTest {
  @TempDir Path dir;

  /** A deterministic 3-dimensional embedder that counts the texts it embeds. */
  private static final class CountingEmbedder implements TextEmbedder {
    final AtomicInteger embedded = new AtomicInteger();
    private final String name;

    CountingEmbedder(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public int dimension() {
      return 3;
    }

    @Override
    public float[] embed(String text) {
      embedded.incrementAndGet();
      return new float[] {text.length(), text.indexOf('a') + 1, 1};
    }
  }

  private static Corpus corpus(String... texts) {
    List<CorpusDocument> docs = new java.util.ArrayList<>();
    for (int i = 0; i < texts.length; i++) {
      docs.add(new CorpusDocument("d" + i, "", texts[i]));
    }
    return new Corpus(docs);
  }

  @Test
  void embedsOnceThenReadsTheSameVectorsBack() throws Exception {
    EmbeddingCache cache = new EmbeddingCache(dir);
    CountingEmbedder model = new CountingEmbedder("m");
    Corpus corpus = corpus("alpha", "beta", "gamma delta");
    float[][] first = cache.embeddings(model, corpus);
    assertThat(model.embedded).hasValue(3);
    assertThat(cache.file(model, corpus)).isEqualTo(dir.resolve("m").resolve(corpus.hash() + ".f32")).isRegularFile();
    float[][] second = cache.embeddings(model, corpus);
    assertThat(model.embedded).as("vectors come from the cache").hasValue(3);
    assertThat(second).isDeepEqualTo(first);
    try (DenseRetriever r = new DenseRetriever(corpus, model, cache)) {
      assertThat(model.embedded).hasValue(3);
      assertThat(r.search("gamma delta", 1).get(0).docid()).isEqualTo("d2");
    }
  }

  @Test
  void anotherCorpusOrModelGetsItsOwnFile() throws Exception {
    EmbeddingCache cache = new EmbeddingCache(dir);
    CountingEmbedder m1 = new CountingEmbedder("m1");
    CountingEmbedder m2 = new CountingEmbedder("m2");
    cache.embeddings(m1, corpus("alpha", "beta"));
    cache.embeddings(m1, corpus("alpha", "beta!"));
    cache.embeddings(m2, corpus("alpha", "beta"));
    assertThat(m1.embedded).hasValue(4);
    assertThat(m2.embedded).hasValue(2);
  }

  @Test
  void aCorruptOrMismatchedFileIsRecomputedAndReplaced() throws Exception {
    EmbeddingCache cache = new EmbeddingCache(dir);
    CountingEmbedder model = new CountingEmbedder("m");
    Corpus corpus = corpus("alpha", "beta");
    float[][] good = cache.embeddings(model, corpus);
    Path file = cache.file(model, corpus);
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 4));
    assertThat(cache.embeddings(model, corpus)).isDeepEqualTo(good);
    assertThat(model.embedded).hasValue(4);
    assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
    bytes[0] = 'X';
    Files.write(file, bytes);
    cache.embeddings(model, corpus);
    assertThat(model.embedded).hasValue(6);
  }

  @Test
  void anUnwritableCacheStillReturnsVectors() throws Exception {
    Path blocker = Files.writeString(dir.resolve("not-a-dir"), "x");
    CountingEmbedder model = new CountingEmbedder("m");
    float[][] v = new EmbeddingCache(blocker).embeddings(model, corpus("alpha"));
    assertThat(v).hasDimensions(1, 3);
  }
}
