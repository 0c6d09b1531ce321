package dev.assay.systems.retrieval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Invocation;
import dev.assay.core.Output;
import dev.assay.core.SystemException;
import dev.assay.core.SystemUnderTest;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link Retriever} as a system under test: the example's input (a string) is the query; the
 * output is the ranked list {@code [{"docid", "score"}, ...]} of at most {@code topK} documents,
 * the shape the retrieval scorers read.
 *
 * <p>Non-string input, a query the retriever rejects or fails on, and calls after {@link
 * #close()} fail with a non-transient {@link SystemException} (a retry would give the same
 * answer). Thread-safe as the retriever is.
 */
public final class RetrieverSystem implements SystemUnderTest {
  private final String type;
  private final Retriever retriever;
  private final int topK;
  private final String contentHash;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * @param type the adapter type, for messages
   * @param topK how many documents each answer lists, positive
   * @param corpusHash the corpus hash: the answers depend on the corpus's content, not its path
   */
  public RetrieverSystem(String type, Retriever retriever, int topK, String corpusHash) {
    if (topK < 1) {
      throw new IllegalArgumentException("top_k must be positive: " + topK);
    }
    this.type = type;
    this.retriever = retriever;
    this.topK = topK;
    this.contentHash = corpusHash;
  }

  /** A retriever costs nothing per call. */
  @Override
  public boolean neverReportsCost() {
    return true;
  }

  @Override
  public String contentHash() {
    return contentHash;
  }

  @Override
  public Output call(Invocation invocation) throws SystemException, InterruptedException {
    if (closed.get()) {
      throw new SystemException(type + " system is closed", false);
    }
    JsonNode input = invocation.example().input();
    if (!input.isTextual()) {
      throw new SystemException("the input of example '" + invocation.example().id() + "' is "
          + input.getNodeType().toString().toLowerCase(java.util.Locale.ROOT) + ", not a query string", false);
    }
    List<Hit> hits;
    try {
      hits = retriever.search(input.textValue(), topK);
    } catch (RuntimeException e) {
      // A rejected query (too many terms) or a model failure: the same input would fail again.
      throw new SystemException(type + " cannot run the query of example '" + invocation.example().id() + "': "
          + e.getMessage(), false, e);
    }
    return new Output(Hits.toJson(hits), null, null, null, null);
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      retriever.close();
    }
  }
}
