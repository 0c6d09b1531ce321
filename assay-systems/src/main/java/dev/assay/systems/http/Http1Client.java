package dev.assay.systems.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The {@link Transport} for {@code http://} URLs: a small blocking HTTP/1.1 client with a pool of
 * keep-alive connections per endpoint (host and port). Why it exists, what it supports and what
 * not: docs/design/http-transport.md.
 *
 * <p>Each call takes an idle connection (the most recently used first) or opens one, writes the
 * request in one write, reads the response on the calling thread and, when the response allows,
 * puts the connection back. A call never waits for a connection: there is no pool limit, so the
 * number of connections follows the number of concurrent calls.
 *
 * <p>Stale connections and retries. A POST to an LLM endpoint is not idempotent (it may be billed,
 * and a sampled answer may differ), so this client never sends a request twice on its own. It
 * avoids stale connections before sending instead: an idle connection older than {@link
 * Settings#probeAfter} is probed with a non-blocking read, and one the server has closed (an end
 * of stream) or written to is discarded for another; one older than {@link Settings#maxIdle} is
 * closed unused. A connection that fails after the request was written (closed before or during
 * the response, reset) fails the call with an {@link IOException}, which the adapters classify as
 * a transient connection error: the engine's retry policy, counted and recorded, decides whether
 * to send again, exactly as for a server that drops a connection on a fresh connection.
 *
 * <p>Thread-safe. Interrupting a calling thread ends its call with {@link InterruptedException} and
 * closes the connection it used.
 */
final class Http1Client implements Transport {
  /**
   * Tuning of the pool and limits.
   *
   * @param connectTimeout the longest wait for a connection (the call's deadline may cut it shorter)
   * @param probeAfter idle connections older than this are checked before reuse; shorter than the
   *     idle timeout of common servers (uvicorn, Node, llama.cpp: 5 s; gunicorn: 2 s)
   * @param maxIdle idle connections older than this are closed instead of reused
   * @param maxBody the largest response body accepted, in bytes
   */
  record Settings(Duration connectTimeout, Duration probeAfter, Duration maxIdle, int maxBody) {
    static final Settings DEFAULT =
        new Settings(Duration.ofSeconds(30), Duration.ofMillis(500), Duration.ofMinutes(5), 64 << 20);
  }

  private final List<Map.Entry<String, String>> headers;
  private final Settings settings;
  private final int connectTimeoutMs;
  private final long probeAfterNanos;
  private final long maxIdleNanos;
  private final ConcurrentHashMap<URI, Target> targets = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<InetSocketAddress, ConcurrentLinkedDeque<Http1Connection>> pools =
      new ConcurrentHashMap<>();
  private volatile boolean closed;

  /** @param headers sent with every request, in order; names and values already validated */
  Http1Client(List<Map.Entry<String, String>> headers, Settings settings) {
    this.headers = List.copyOf(headers);
    this.settings = settings;
    this.connectTimeoutMs = (int) Math.min(Integer.MAX_VALUE, Math.max(1, settings.connectTimeout().toMillis()));
    this.probeAfterNanos = settings.probeAfter().toNanos();
    this.maxIdleNanos = settings.maxIdle().toNanos();
  }

  /** Where a URI's requests go, and the request head up to the Content-Length value. */
  private record Target(InetSocketAddress address, byte[] headPrefix) {}

  @Override
  public HttpReply post(URI uri, byte[] body, long deadlineNanos) throws IOException, InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    Target target = targets.computeIfAbsent(uri, this::target);
    byte[] request = request(target.headPrefix(), body);
    Http1Connection connection;
    try {
      connection = take(target.address(), deadlineNanos);
    } catch (IOException e) {
      throw interruptedOr(e);
    }
    HttpReply reply;
    try {
      reply = connection.exchange(request, request.length, deadlineNanos);
    } catch (IOException | RuntimeException e) {
      connection.close();
      if (e instanceof IOException io) {
        throw interruptedOr(io);
      }
      throw e;
    }
    release(target.address(), connection);
    return reply;
  }

  /**
   * {@code e}, unless the thread was interrupted: an interrupt closes the channel under a blocked
   * read or write ({@link ClosedByInterruptException}), and the caller must see the interruption.
   */
  private static IOException interruptedOr(IOException e) throws InterruptedException {
    if (e instanceof ClosedByInterruptException || Thread.currentThread().isInterrupted()) {
      Thread.interrupted();
      InterruptedException ie = new InterruptedException();
      ie.initCause(e);
      throw ie;
    }
    return e;
  }

  /** Idle connections of every endpoint, for tests. */
  int idleConnections() {
    return pools.values().stream().mapToInt(ConcurrentLinkedDeque::size).sum();
  }

  private Target target(URI uri) {
    if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException("not an http:// URL with a host: " + uri.getScheme() + "://" + uri.getHost());
    }
    String host = uri.getHost();
    int port = uri.getPort() < 0 ? 80 : uri.getPort();
    // IPv6 literals come bracketed from URI; the socket address wants them bare.
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    StringBuilder head = new StringBuilder(256).append("POST ").append(path);
    if (uri.getRawQuery() != null) {
      head.append('?').append(uri.getRawQuery());
    }
    head.append(" HTTP/1.1\r\nHost: ").append(host);
    if (uri.getPort() >= 0) {
      head.append(':').append(uri.getPort());
    }
    head.append("\r\n");
    for (Map.Entry<String, String> h : headers) {
      head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
    }
    head.append("Content-Length: ");
    // Header values are Latin-1 on the wire (RFC 9110 5.5); validated to hold no line breaks.
    byte[] prefix = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    // Unresolved: the name is looked up for each new connection, so a changed DNS record is followed.
    return new Target(InetSocketAddress.createUnresolved(bare, port), prefix);
  }

  private static byte[] request(byte[] prefix, byte[] body) {
    byte[] length = (body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] request = new byte[prefix.length + length.length + body.length];
    System.arraycopy(prefix, 0, request, 0, prefix.length);
    System.arraycopy(length, 0, request, prefix.length, length.length);
    System.arraycopy(body, 0, request, prefix.length + length.length, body.length);
    return request;
  }

  /** An idle connection that still looks usable, else a new one. */
  private Http1Connection take(InetSocketAddress address, long deadlineNanos) throws IOException {
    ConcurrentLinkedDeque<Http1Connection> pool = pools.get(address);
    if (pool != null) {
      for (Http1Connection c = pool.pollFirst(); c != null; c = pool.pollFirst()) {
        long idle = System.nanoTime() - c.idleSinceNanos();
        if (idle < probeAfterNanos || (idle < maxIdleNanos && c.stillOpen())) {
          return c;
        }
        c.close();
      }
    }
    return Http1Connection.open(address, connectTimeoutMs, deadlineNanos, settings.maxBody());
  }

  private void release(InetSocketAddress address, Http1Connection c) {
    if (!c.reusable() || closed) {
      c.close();
      return;
    }
    c.markIdle(System.nanoTime());
    ConcurrentLinkedDeque<Http1Connection> pool = pools.computeIfAbsent(address, a -> new ConcurrentLinkedDeque<>());
    pool.offerFirst(c);
    if (closed) {
      // close() may have drained the pool just before this connection went in.
      drain(pool);
    }
  }

  @Override
  public void close() {
    closed = true;
    pools.values().forEach(Http1Client::drain);
  }

  private static void drain(ConcurrentLinkedDeque<Http1Connection> pool) {
    for (Http1Connection c = pool.pollFirst(); c != null; c = pool.pollFirst()) {
      c.close();
    }
  }
}
