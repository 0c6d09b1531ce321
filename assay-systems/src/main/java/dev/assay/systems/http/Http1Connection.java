package dev.assay.systems.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.Locale;

/**
 * One client-side HTTP/1.1 connection: blocking, one exchange at a time (no pipelining), used by
 * one thread at a time (the pool hands it out exclusively).
 *
 * <p>The socket is a {@link SocketChannel}'s: unlike a plain {@link Socket}, its blocking reads
 * and writes end when the calling thread is interrupted (the channel closes and throws {@link
 * java.nio.channels.ClosedByInterruptException}), so the engine's watchdog and cancellation reach
 * a call blocked on a slow server. Reads wait at most until the exchange's deadline (the socket's
 * read timeout is set to the time left before each read), so a body that trickles in is bounded
 * as a whole, not per read.
 *
 * <p>Response framing (RFC 9112 section 6): 1xx interim responses are skipped; 204 and 304 have
 * no body; {@code Transfer-Encoding} ending in {@code chunked} is decoded (extensions and trailers
 * ignored); any other transfer coding, or no framing at all, reads to the end of the stream and
 * ends the connection; otherwise {@code Content-Length} (conflicting values are a protocol error).
 * The connection stays reusable only when the response was read whole and neither side asked to
 * close it ({@code Connection: close}, or HTTP/1.0 without {@code keep-alive}).
 */
final class Http1Connection implements AutoCloseable {
  /** The longest status or header line accepted; real servers send far shorter ones. */
  static final int MAX_LINE = 64 * 1024;
  /** The most header fields accepted in one response. */
  static final int MAX_HEADERS = 256;

  private final SocketChannel channel;
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final int maxBody;
  private final byte[] buf = new byte[16 * 1024];
  private int pos;
  private int lim;
  /** The read timeout last given to the socket, to skip redundant updates. */
  private int soTimeout = -1;
  private long deadline = Transport.NO_DEADLINE;
  /** Whether any byte of the current exchange's response arrived, for the end-of-stream message. */
  private boolean responseStarted;
  private boolean reusable;
  private long idleSinceNanos;

  private Http1Connection(SocketChannel channel, int maxBody) throws IOException {
    this.channel = channel;
    this.socket = channel.socket();
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
    this.maxBody = maxBody;
  }

  /**
   * Connects to {@code address}, resolving it first when unresolved; the wait is bounded by {@code
   * connectTimeoutMs} (then {@link HttpConnectTimeoutException}) and by the deadline (then {@link
   * HttpTimeoutException}).
   */
  static Http1Connection open(InetSocketAddress address, int connectTimeoutMs, long deadline, int maxBody)
      throws IOException {
    InetSocketAddress to = address.isUnresolved()
        ? new InetSocketAddress(address.getHostString(), address.getPort()) : address;
    if (to.isUnresolved()) {
      throw new java.net.UnknownHostException(address.getHostString());
    }
    long left = Transport.millisLeft(deadline);
    if (left <= 0) {
      throw new HttpTimeoutException("deadline passed before connecting");
    }
    boolean deadlineFirst = left < connectTimeoutMs;
    SocketChannel channel = SocketChannel.open();
    try {
      Socket s = channel.socket();
      // A request goes out in one write; without this the next one could wait for a delayed ACK.
      s.setTcpNoDelay(true);
      s.connect(to, (int) Math.min(connectTimeoutMs, left));
      return new Http1Connection(channel, maxBody);
    } catch (SocketTimeoutException e) {
      channel.close();
      if (deadlineFirst) {
        throw new HttpTimeoutException("deadline passed while connecting");
      }
      throw new HttpConnectTimeoutException("no connection within " + connectTimeoutMs + " ms");
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  boolean reusable() {
    return reusable;
  }

  long idleSinceNanos() {
    return idleSinceNanos;
  }

  void markIdle(long nanos) {
    idleSinceNanos = nanos;
  }

  /**
   * Whether an idle connection still looks usable: open, and the server has sent nothing since
   * the last response (neither an end of stream, which is how servers close idle connections, nor
   * unsolicited bytes such as a 408). Costs a non-blocking read, so the pool asks only after a
   * longer idle time.
   */
  boolean stillOpen() {
    if (!channel.isOpen() || pos < lim) {
      return false;
    }
    try {
      channel.configureBlocking(false);
      try {
        return channel.read(ByteBuffer.allocate(1)) == 0;
      } finally {
        channel.configureBlocking(true);
      }
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Sends a complete request (head and body in {@code request[0..length)}) and reads one response.
   * After any exception the connection is broken and must be closed.
   */
  HttpReply exchange(byte[] request, int length, long deadlineNanos) throws IOException {
    deadline = deadlineNanos;
    responseStarted = false;
    reusable = false;
    out.write(request, 0, length);
    out.flush();
    while (true) {
      String statusLine = line();
      if (statusLine.startsWith("HTTP/1.") && statusLine.length() >= 12) {
        int status = status(statusLine);
        ResponseHead head = headers(statusLine.charAt(7) == '0');
        if (status >= 100 && status < 200) {
          // Interim responses (100 Continue, 103 Early Hints) precede the real one.
          continue;
        }
        byte[] body = body(status, head);
        reusable = head.keepAlive && !head.readToEnd;
        return new HttpReply(status, head.retryAfter, body);
      }
      throw new ProtocolException("not an HTTP/1.x status line: " + printable(statusLine));
    }
  }

  private static int status(String statusLine) throws ProtocolException {
    // "HTTP/1.1 200 OK": the code is the three digits after the first space.
    if (statusLine.charAt(8) != ' ') {
      throw new ProtocolException("bad status line: " + printable(statusLine));
    }
    int code = 0;
    for (int i = 9; i < 12; i++) {
      char c = statusLine.charAt(i);
      if (c < '0' || c > '9') {
        throw new ProtocolException("bad status code: " + printable(statusLine));
      }
      code = code * 10 + (c - '0');
    }
    if (statusLine.length() > 12 && statusLine.charAt(12) != ' ') {
      throw new ProtocolException("bad status code: " + printable(statusLine));
    }
    return code;
  }

  /** The response header fields this client acts on. */
  private static final class ResponseHead {
    String retryAfter;
    long contentLength = -1;
    boolean chunked;
    boolean readToEnd;
    boolean keepAlive;
  }

  private ResponseHead headers(boolean http10) throws IOException {
    ResponseHead head = new ResponseHead();
    boolean close = false;
    boolean keepAliveToken = false;
    boolean transferEncoding = false;
    for (int n = 0; ; n++) {
      String h = line();
      if (h.isEmpty()) {
        break;
      }
      if (n >= MAX_HEADERS) {
        throw new ProtocolException("more than " + MAX_HEADERS + " header fields");
      }
      int colon = h.indexOf(':');
      if (colon <= 0) {
        throw new ProtocolException("bad header field: " + printable(h));
      }
      String name = h.substring(0, colon);
      String value = h.substring(colon + 1).strip();
      if (name.equalsIgnoreCase("Content-Length")) {
        long length = contentLength(value);
        if (head.contentLength >= 0 && head.contentLength != length) {
          throw new ProtocolException("conflicting Content-Length values");
        }
        head.contentLength = length;
      } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
        transferEncoding = true;
        String v = value.toLowerCase(Locale.ROOT);
        // Only the last coding frames the message (RFC 9112 6.3).
        head.chunked = v.endsWith("chunked") && (v.length() == 7 || ", \t".indexOf(v.charAt(v.length() - 8)) >= 0);
      } else if (name.equalsIgnoreCase("Connection")) {
        for (String token : value.split(",")) {
          String t = token.strip();
          close |= t.equalsIgnoreCase("close");
          keepAliveToken |= t.equalsIgnoreCase("keep-alive");
        }
      } else if (name.equalsIgnoreCase("Retry-After")) {
        head.retryAfter = value;
      }
    }
    // Transfer-Encoding overrides Content-Length; a coding other than chunked ends at close.
    head.readToEnd = transferEncoding ? !head.chunked : head.contentLength < 0;
    if (transferEncoding) {
      head.contentLength = -1;
    }
    head.keepAlive = !close && (!http10 || keepAliveToken);
    return head;
  }

  private static long contentLength(String value) throws ProtocolException {
    if (value.isEmpty() || value.length() > 18) {
      throw new ProtocolException("bad Content-Length: " + printable(value));
    }
    long n = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        throw new ProtocolException("bad Content-Length: " + printable(value));
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  private byte[] body(int status, ResponseHead head) throws IOException {
    if (status == 204 || status == 304) {
      head.readToEnd = false;
      return new byte[0];
    }
    if (head.chunked) {
      return chunked();
    }
    if (head.contentLength >= 0) {
      if (head.contentLength > maxBody) {
        throw new ProtocolException("response body of " + head.contentLength + " bytes exceeds " + maxBody);
      }
      byte[] body = new byte[(int) head.contentLength];
      readFully(body, 0, body.length);
      return body;
    }
    // No framing: the body is what is buffered now plus everything until the end of the stream.
    Sink sink = new Sink(maxBody);
    do {
      sink.write(buf, pos, lim - pos);
      pos = lim;
    } while (fill());
    return sink.toByteArray();
  }

  private byte[] chunked() throws IOException {
    Sink sink = new Sink(maxBody);
    while (true) {
      String sizeLine = line();
      int semi = sizeLine.indexOf(';');
      String hex = (semi < 0 ? sizeLine : sizeLine.substring(0, semi)).strip();
      long size;
      try {
        size = hex.isEmpty() || hex.length() > 15 ? -1 : Long.parseLong(hex, 16);
      } catch (NumberFormatException e) {
        size = -1;
      }
      if (size < 0) {
        throw new ProtocolException("bad chunk size: " + printable(sizeLine));
      }
      if (size == 0) {
        // Trailer fields, then the empty line that ends the message.
        for (int n = 0; !line().isEmpty(); n++) {
          if (n >= MAX_HEADERS) {
            throw new ProtocolException("more than " + MAX_HEADERS + " trailer fields");
          }
        }
        return sink.toByteArray();
      }
      if (size > maxBody - sink.size()) {
        throw new ProtocolException("chunked response body exceeds " + maxBody + " bytes");
      }
      long left = size;
      while (left > 0) {
        if (pos == lim && !fill()) {
          throw new EOFException("connection closed inside a chunk");
        }
        int n = (int) Math.min(left, lim - pos);
        sink.write(buf, pos, n);
        pos += n;
        left -= n;
      }
      if (!line().isEmpty()) {
        throw new ProtocolException("chunk data longer than its size");
      }
    }
  }

  private void readFully(byte[] dst, int off, int len) throws IOException {
    int done = 0;
    while (done < len) {
      if (pos == lim && !fill()) {
        throw new EOFException("connection closed after " + done + " of " + len + " body bytes");
      }
      int n = Math.min(len - done, lim - pos);
      System.arraycopy(buf, pos, dst, off + done, n);
      pos += n;
      done += n;
    }
  }

  /** One line without its CRLF (a bare LF is accepted), as ISO-8859-1. */
  private String line() throws IOException {
    int start = pos;
    StringBuilder spill = null;
    while (true) {
      for (int i = pos; i < lim; i++) {
        if (buf[i] == '\n') {
          int end = i > start && buf[i - 1] == '\r' ? i - 1 : i;
          String part = new String(buf, start, end - start, java.nio.charset.StandardCharsets.ISO_8859_1);
          pos = i + 1;
          if (spill == null) {
            return part;
          }
          spill.append(part);
          int n = spill.length();
          if (i == start && n > 0 && spill.charAt(n - 1) == '\r') {
            spill.setLength(n - 1);
          }
          return spill.toString();
        }
      }
      // No line end in the buffer: keep what we have and read more.
      if (spill == null) {
        spill = new StringBuilder(256);
      }
      spill.append(new String(buf, start, lim - start, java.nio.charset.StandardCharsets.ISO_8859_1));
      pos = lim;
      if (spill.length() > MAX_LINE) {
        throw new ProtocolException("a response line longer than " + MAX_LINE + " characters");
      }
      if (!fill()) {
        throw new EOFException(responseStarted ? "connection closed inside the response head"
            : "connection closed before any response");
      }
      start = pos;
    }
  }

  /**
   * Reads more bytes into the buffer, whose bytes must all be consumed, waiting at most until the
   * deadline; false at the end of the stream.
   */
  private boolean fill() throws IOException {
    int timeout = 0;
    if (deadline != Transport.NO_DEADLINE) {
      long left = Transport.millisLeft(deadline);
      if (left <= 0) {
        throw new HttpTimeoutException("deadline passed while reading the response");
      }
      timeout = (int) Math.min(left, Integer.MAX_VALUE);
    }
    if (timeout != soTimeout) {
      socket.setSoTimeout(timeout);
      soTimeout = timeout;
    }
    int n;
    try {
      n = in.read(buf, 0, buf.length);
    } catch (SocketTimeoutException e) {
      throw new HttpTimeoutException("deadline passed while reading the response");
    }
    if (n <= 0) {
      pos = lim = 0;
      return false;
    }
    responseStarted = true;
    pos = 0;
    lim = n;
    return true;
  }

  /**
   * A status or header text with control characters shown as '?', for messages. Not shortened
   * here (lines are at most {@value #MAX_LINE} characters): whoever shows the message hides
   * secrets first and shortens after, so a cut never leaves part of a secret.
   */
  private static String printable(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      sb.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return sb.toString();
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // Closing a socket has nothing useful to report.
    }
  }

  /** A growable byte array bounded by the body limit. */
  private static final class Sink {
    private final int max;
    private byte[] bytes = new byte[1024];
    private int size;

    Sink(int max) {
      this.max = max;
    }

    int size() {
      return size;
    }

    void write(byte[] src, int off, int len) throws ProtocolException {
      if (len > max - size) {
        throw new ProtocolException("response body exceeds " + max + " bytes");
      }
      if (size + len > bytes.length) {
        bytes = Arrays.copyOf(bytes, (int) Math.min(max, Math.max(2L * bytes.length, (long) size + len)));
      }
      System.arraycopy(src, off, bytes, size, len);
      size += len;
    }

    byte[] toByteArray() {
      return Arrays.copyOf(bytes, size);
    }
  }
}
