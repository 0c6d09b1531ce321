package dev.assay.systems.retrieval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Corpus embeddings on disk, keyed by model name and corpus hash: {@code
 * DIR/MODEL/CORPUS_SHA256.f32}.
 *
 * <p>File layout: the ASCII magic {@code ASSAYEMB1}, then little-endian int32 row count and
 * dimension, then row-major float32 values, rows in corpus order. A file is written to a temporary
 * name and moved into place, so a reader never sees a partial file; a file whose header or length
 * does not match the corpus and model is ignored (recomputed and replaced), never trusted.
 * Because the key is the content hash, an edited corpus never reuses stale vectors.
 */
public final class EmbeddingCache {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddingCache.class);
  private static final byte[] MAGIC = "ASSAYEMB1".getBytes(StandardCharsets.US_ASCII);

  private final Path dir;

  /** @param dir the cache folder; created on first write */
  public EmbeddingCache(Path dir) {
    this.dir = dir;
  }

  /** Where the embeddings of {@code corpus} by {@code embedder} live. */
  public Path file(TextEmbedder embedder, Corpus corpus) {
    return dir.resolve(embedder.name()).resolve(corpus.hash() + ".f32");
  }

  /**
   * The corpus's embeddings: read from the cache, or computed with {@code embedder} and written to
   * it. A cache that cannot be written is logged and skipped (the vectors are still returned).
   *
   * @throws InterruptedException when interrupted while embedding
   */
  public float[][] embeddings(TextEmbedder embedder, Corpus corpus) throws InterruptedException {
    Path file = file(embedder, corpus);
    float[][] cached = read(file, corpus.size(), embedder.dimension());
    if (cached != null) {
      LOG.debug("read {} cached embeddings from {}", corpus.size(), file);
      return cached;
    }
    List<String> texts = new ArrayList<>(corpus.size());
    for (CorpusDocument d : corpus.documents()) {
      texts.add(d.contents());
    }
    long start = System.nanoTime();
    float[][] vectors = embedder.embedAll(texts);
    LOG.info("embedded {} documents with {} in {} ms", vectors.length, embedder.name(),
        (System.nanoTime() - start) / 1_000_000);
    try {
      write(file, vectors, embedder.dimension());
    } catch (IOException | UncheckedIOException e) {
      LOG.warn("cannot write the embedding cache {}: {}", file, e.getMessage());
    }
    return vectors;
  }

  /** The vectors in {@code file}, or null when it is absent or does not hold {@code rows x dim}. */
  static float[][] read(Path file, int rows, int dim) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      LOG.warn("cannot read the embedding cache {}: {}", file, e.getMessage());
      return null;
    }
    long expected = MAGIC.length + 8L + 4L * rows * dim;
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length != expected || !startsWithMagic(bytes) || buf.getInt(MAGIC.length) != rows
        || buf.getInt(MAGIC.length + 4) != dim) {
      LOG.warn("ignoring the embedding cache {}: it does not match the corpus ({} x {})", file, rows, dim);
      return null;
    }
    buf.position(MAGIC.length + 8);
    float[][] out = new float[rows][dim];
    for (float[] row : out) {
      buf.asFloatBuffer().get(row);
      buf.position(buf.position() + 4 * dim);
    }
    return out;
  }

  private static boolean startsWithMagic(byte[] bytes) {
    for (int i = 0; i < MAGIC.length; i++) {
      if (bytes[i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  static void write(Path file, float[][] vectors, int dim) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(MAGIC.length + 8 + 4 * vectors.length * dim).order(ByteOrder.LITTLE_ENDIAN);
    buf.put(MAGIC).putInt(vectors.length).putInt(dim);
    for (float[] v : vectors) {
      if (v.length != dim) {
        throw new IllegalArgumentException("a vector has " + v.length + " dimensions, not " + dim);
      }
      for (float x : v) {
        buf.putFloat(x);
      }
    }
    Files.createDirectories(file.getParent());
    Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    try {
      Files.write(tmp, buf.array());
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
