package dev.assay.systems.http;

import java.io.IOException;
import java.net.URI;

/**
 * Sends one JSON POST, with the headers the transport was made with, and returns the raw reply;
 * {@link JsonHttp} classifies it. Implementations are thread-safe. Which transport serves which
 * URL, and why: docs/design/http-transport.md.
 *
 * <p>Failure contract, shared so that the classification does not depend on the transport:
 * {@link java.net.http.HttpConnectTimeoutException} when connecting took longer than the
 * transport's own connect limit; {@link java.net.http.HttpTimeoutException} when the deadline
 * passed (the whole exchange, body included, is bounded by it); another {@link IOException} when
 * the connection failed or the response broke the protocol; {@link InterruptedException} when the
 * calling thread was interrupted (the exchange is abandoned and its connection discarded).
 */
interface Transport extends AutoCloseable {
  /** Deadline meaning "no deadline". */
  long NO_DEADLINE = Long.MAX_VALUE;

  /**
   * @param deadlineNanos {@link System#nanoTime()} by which the reply must be complete, or {@link
   *     #NO_DEADLINE}
   */
  HttpReply post(URI uri, byte[] body, long deadlineNanos) throws IOException, InterruptedException;

  /** Milliseconds left until {@code deadlineNanos}, rounded up; {@link Long#MAX_VALUE} for no deadline. */
  static long millisLeft(long deadlineNanos) {
    if (deadlineNanos == NO_DEADLINE) {
      return Long.MAX_VALUE;
    }
    long nanos = deadlineNanos - System.nanoTime();
    return nanos <= 0 ? 0 : (nanos + 999_999) / 1_000_000;
  }

  /** Releases idle connections; in-flight exchanges finish, and their connections, like those of
   * later calls, are closed after use instead of kept. Idempotent. */
  @Override
  void close();
}
