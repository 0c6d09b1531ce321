package dev.assay.core;

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

  @Override
  default void close() {}
}
