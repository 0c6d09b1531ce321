package dev.assay.systems.retrieval;

import java.util.List;

/**
 * Ranks the documents of a corpus for a query.
 *
 * <p>Implementations are thread-safe: {@link #search} is called from many threads at once.
 * Results are deterministic: the same query gives the same hits in the same order, ties broken by
 * document id descending (trec_eval's order, so a scored run evaluates in the order it is
 * listed).
 */
public interface Retriever extends AutoCloseable {
  /**
   * The top {@code k} documents for {@code query}, best first; fewer when fewer documents match
   * (a query with no indexable term matches none).
   *
   * @throws InterruptedException when the calling thread is interrupted
   */
  List<Hit> search(String query, int k) throws InterruptedException;

  /** Releases indexes; idempotent. */
  @Override
  default void close() {}
}
