package dev.assay.testkit;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * A small HTTP/1.1 server on 127.0.0.1 for {@link StubLlmServer}: one thread per connection,
 * blocking I/O, keep-alive, one request at a time per connection (no pipelining).
 *
 * <p>Why not {@code com.sun.net.httpserver}: its single dispatcher thread re-registers every
 * connection with a selector after each exchange and hands the exchange to a pool thread, which
 * cost more CPU per request than the whole engine; a blocking read on a dedicated thread costs a
 * system call. A client with N concurrent keep-alive connections holds N threads here.
 *
 * <p>Requests: a request line, headers, and a body framed by {@code Content-Length} or {@code
 * chunked} (trailers ignored); {@code Expect: 100-continue} is answered. Malformed requests get
 * 400 and the connection is closed. Connections are not limited (a client may keep idle ones in
 * its pool); at most {@code maxRequests} requests are handled at once, further ones wait for a
 * turn, as with a fixed request pool. {@link #close()} cuts every connection at once.
 */
final class LoopbackHttpServer implements AutoCloseable {
  /** Serves one request; must call exactly one of the exchange's respond methods or {@link Exchange#drop()}. */
  @FunctionalInterface
  interface Handler {
    void handle(Exchange exchange) throws IOException, InterruptedException;
  }

  private static final int MAX_HEADER_LINE = 16 * 1024;
  private static final int MAX_HEADERS = 200;

  private final ServerSocket server;
  private final Handler handler;
  private final Semaphore slots;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;
  private volatile boolean closed;

  LoopbackHttpServer(int maxRequests, Handler handler) throws IOException {
    this.server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
    this.handler = handler;
    this.slots = new Semaphore(maxRequests);
    this.acceptor = new Thread(this::acceptLoop, "stub-llm-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  InetAddress address() {
    return server.getInetAddress();
  }

  int port() {
    return server.getLocalPort();
  }

  /** Stops accepting and closes every connection, interrupting requests in progress. Idempotent. */
  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // Closing a listening socket has nothing to report.
    }
    acceptor.interrupt();
    open.forEach(LoopbackHttpServer::closeQuietly);
    threads.forEach(Thread::interrupt);
  }

  private void acceptLoop() {
    while (!closed) {
      Socket s;
      try {
        s = server.accept();
      } catch (IOException e) {
        if (closed) {
          return;
        }
        continue;
      }
      Thread t = new Thread(() -> serve(s), "stub-llm");
      t.setDaemon(true);
      threads.add(t);
      open.add(s);
      if (closed) {
        closeQuietly(s);
      }
      t.start();
    }
  }

  private void serve(Socket s) {
    try (s) {
      // Responses go out in one write; without TCP_NODELAY a second small write (slow bodies)
      // would wait for the client's delayed ACK.
      s.setTcpNoDelay(true);
      InputStream in = new ConnectionInput(s.getInputStream());
      OutputStream out = new BufferedOutputStream(s.getOutputStream(), 8192);
      while (!closed) {
        Exchange ex;
        try {
          ex = read(in, out);
        } catch (BadRequest e) {
          writeResponse(out, 400, Map.of(), ("{\"error\":{\"message\":\"" + e.getMessage()
              + "\",\"type\":\"invalid_request_error\"}}").getBytes(StandardCharsets.UTF_8), true);
          return;
        }
        if (ex == null) {
          return;
        }
        slots.acquire();
        try {
          handler.handle(ex);
        } finally {
          slots.release();
        }
        if (!ex.answered || ex.closeAfter) {
          return;
        }
      }
    } catch (IOException | InterruptedException e) {
      // The peer went away, or close() cut the connection: nothing to answer.
    } finally {
      open.remove(s);
      threads.remove(Thread.currentThread());
    }
  }

  /** One request; null when the peer closed the connection before a new request line. */
  private static Exchange read(InputStream in, OutputStream out) throws IOException {
    String requestLine = line(in);
    if (requestLine == null) {
      return null;
    }
    while (requestLine.isEmpty()) {
      // RFC 9112 2.2: ignore at least one empty line before a request line.
      requestLine = line(in);
      if (requestLine == null) {
        return null;
      }
    }
    String[] parts = requestLine.split(" ");
    if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
      throw new BadRequest("bad request line");
    }
    Map<String, String> headers = new HashMap<>();
    for (int i = 0; ; i++) {
      String h = line(in);
      if (h == null) {
        throw new EOFException("end of stream in headers");
      }
      if (h.isEmpty()) {
        break;
      }
      int colon = h.indexOf(':');
      if (colon <= 0 || i >= MAX_HEADERS) {
        throw new BadRequest("bad header");
      }
      headers.merge(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim(),
          (a, b) -> a + ", " + b);
    }
    if ("100-continue".equalsIgnoreCase(headers.get("expect"))) {
      out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }
    byte[] body;
    String te = headers.get("transfer-encoding");
    if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
      body = chunked(in);
    } else if (headers.containsKey("content-length")) {
      int length;
      try {
        length = Integer.parseInt(headers.get("content-length"));
      } catch (NumberFormatException e) {
        throw new BadRequest("bad content-length");
      }
      if (length < 0) {
        throw new BadRequest("bad content-length");
      }
      body = in.readNBytes(length);
      if (body.length != length) {
        throw new EOFException("end of stream in body");
      }
    } else {
      body = new byte[0];
    }
    String connection = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
    boolean closeAfter = connection.contains("close") || (parts[2].equals("HTTP/1.0") && !connection.contains("keep-alive"));
    String target = parts[1];
    int q = target.indexOf('?');
    return new Exchange(parts[0], q < 0 ? target : target.substring(0, q), headers, body, out, closeAfter);
  }

  private static byte[] chunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = line(in);
      if (size == null) {
        throw new EOFException("end of stream in chunked body");
      }
      int semi = size.indexOf(';');
      int n;
      try {
        n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
      } catch (NumberFormatException e) {
        throw new BadRequest("bad chunk size");
      }
      if (n < 0) {
        throw new BadRequest("bad chunk size");
      }
      if (n == 0) {
        String trailer;
        do {
          trailer = line(in);
        } while (trailer != null && !trailer.isEmpty());
        return body.toByteArray();
      }
      byte[] chunk = in.readNBytes(n);
      if (chunk.length != n) {
        throw new EOFException("end of stream in chunk");
      }
      body.write(chunk);
      line(in);
    }
  }

  /** One line without its CRLF (a bare LF is accepted); null at end of stream before any byte. */
  private static String line(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder(64);
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (sb.length() == 0) {
          return null;
        }
        throw new EOFException("end of stream in a line");
      }
      if (b == '\n') {
        int end = sb.length();
        if (end > 0 && sb.charAt(end - 1) == '\r') {
          sb.setLength(end - 1);
        }
        return sb.toString();
      }
      if (sb.length() >= MAX_HEADER_LINE) {
        throw new BadRequest("header line too long");
      }
      sb.append((char) b);
    }
  }

  private static void writeResponse(OutputStream out, int status, Map<String, String> headers, byte[] body,
      boolean close) throws IOException {
    out.write(head(status, headers, body.length, close));
    out.write(body);
    out.flush();
  }

  private static byte[] head(int status, Map<String, String> headers, int length, boolean close) {
    StringBuilder sb = new StringBuilder(128).append("HTTP/1.1 ").append(status).append(' ').append(reason(status))
        .append("\r\nContent-Type: application/json\r\nContent-Length: ").append(length).append("\r\n");
    headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
    if (close) {
      sb.append("Connection: close\r\n");
    }
    return sb.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      default -> "Status";
    };
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // Already closed or reset: nothing to do.
    }
  }

  /**
   * A buffered input for the one thread serving a connection: unlike {@link
   * java.io.BufferedInputStream} it takes no lock per call, which mattered because request heads
   * are read a byte at a time.
   */
  private static final class ConnectionInput extends InputStream {
    private final InputStream raw;
    private final byte[] buf = new byte[8192];
    private int pos;
    private int lim;

    ConnectionInput(InputStream raw) {
      this.raw = raw;
    }

    @Override
    public int read() throws IOException {
      if (pos == lim && !fill()) {
        return -1;
      }
      return buf[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      java.util.Objects.checkFromIndexSize(off, len, b.length);
      if (len == 0) {
        return 0;
      }
      if (pos == lim) {
        if (len >= buf.length) {
          return raw.read(b, off, len);
        }
        if (!fill()) {
          return -1;
        }
      }
      int n = Math.min(len, lim - pos);
      System.arraycopy(buf, pos, b, off, n);
      pos += n;
      return n;
    }

    private boolean fill() throws IOException {
      int n = raw.read(buf, 0, buf.length);
      if (n <= 0) {
        return false;
      }
      pos = 0;
      lim = n;
      return true;
    }
  }

  /** A request the server could not parse; answered with 400. */
  private static final class BadRequest extends SocketException {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
      super(message);
    }
  }

  /** One request and the means to answer it. Used by one thread. */
  static final class Exchange {
    final String method;
    final String path;
    private final Map<String, String> headers;
    final byte[] body;
    private final OutputStream out;
    private final boolean closeAfter;
    private boolean answered;

    private Exchange(String method, String path, Map<String, String> headers, byte[] body, OutputStream out,
        boolean closeAfter) {
      this.method = method;
      this.path = path;
      this.headers = headers;
      this.body = body;
      this.out = out;
      this.closeAfter = closeAfter;
    }

    /** A request header by case-insensitive name, null when absent. */
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** Sends a complete JSON response in one write. */
    void respond(int status, Map<String, String> extraHeaders, byte[] body) throws IOException {
      answered = true;
      writeResponse(out, status, extraHeaders, body, closeAfter);
    }

    /** Sends a 200 JSON response whose body goes out in {@code pieces} parts over about {@code totalMs}. */
    void respondSlowly(byte[] body, int pieces, long totalMs) throws IOException, InterruptedException {
      answered = true;
      out.write(head(200, Map.of(), body.length, closeAfter));
      out.flush();
      for (int i = 0; i < pieces; i++) {
        int from = body.length * i / pieces;
        int to = body.length * (i + 1) / pieces;
        out.write(body, from, to - from);
        out.flush();
        Thread.sleep(totalMs / pieces);
      }
    }

    /** Ends the connection without any response. */
    void drop() {
      answered = false;
    }
  }
}
