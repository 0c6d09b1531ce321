package dev.assay.core;

import dev.assay.core.text.Secrets;

/**
 * A system under test: maps an example's input to an output.
 *
 * <p>Implementations are called concurrently by the engine from up to {@code concurrency}
 * threads and must be thread-safe. A call either returns an {@link Output} or throws a {@link
 * SystemException}; it must react to thread interruption (the engine interrupts calls that
 * exceed the per-example timeout). {@link #close()} releases processes and connections.
 */
public interface SystemUnderTest extends AutoCloseable {
  Output call(Invocation invocation) throws SystemException, InterruptedException;

  /**
   * A hash of the content this system's answers depend on beyond its spec, e.g. the corpus of a
   * retriever or the file of a predictions system; null when the spec says it all. It is part
   * of the response-cache key (an edited corpus never serves stale answers) and of the run's
   * lineage, and a resumed run refuses to continue when it changed.
   */
  default String contentHash() {
    return null;
  }

  /**
   * The secret values this system holds (API keys, credentials): the engine redacts them from
   * every output and failure message before it stores, caches or prints them ({@link
   * Secrets#redact}). Adapters redact their own messages as well; this is what makes it certain.
   */
  default Secrets secrets() {
    return Secrets.NONE;
  }

  @Override
  default void close() {}
}
