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

  /** What {@link #contentHash()} covers, in words for messages (e.g. the files it hashes); null for unsaid. */
  default String contentSources() {
    return null;
  }

  /**
   * True when this system is known, before it is called, never to report a cost ({@link
   * Output#cost()}): an HTTP adapter without prices, a predictions file without a {@code cost}
   * field, a retriever. False when it may (or only its answers will tell, as for a command). Lets a
   * suite whose cost metric cannot be computed fail before any system is called.
   */
  default boolean neverReportsCost() {
    return false;
  }

  @Override
  default void close() {}
}
