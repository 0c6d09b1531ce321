package dev.assay.systems.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Json;
import dev.assay.core.SystemException;
import dev.assay.core.text.Secrets;
import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSON over HTTP POST for one system, and the fault classification both HTTP adapters share.
 *
 * <p>Transport: {@code http://} URLs go through {@link Http1Client} (blocking HTTP/1.1 with a
 * keep-alive pool, several times cheaper per call); {@code https://} URLs, and {@code http://}
 * ones the JVM's proxy settings route through a proxy, through the JDK's {@link
 * java.net.http.HttpClient} ({@link JdkTransport}, created on first use). Callers see
 * the same behaviour either way; docs/design/http-transport.md says why and what each supports.
 *
 * <p>Classification of one attempt, which the engine turns into retries:
 *
 * <ul>
 *   <li>2xx with a JSON body: the parsed body;
 *   <li>2xx whose body is not JSON, 408, 5xx, a connection error or a request timeout: a
 *       transient {@link SystemException};
 *   <li>429: transient. When the server sends {@code Retry-After} and the wait fits both {@code
 *       maxRetryAfterWait} and the time left of the call's timeout, the call sleeps it before
 *       throwing, so the engine's retry comes after the server's wait; otherwise the message
 *       reports the wait the server asked for;
 *   <li>any other status: not transient (the request itself is wrong: 400, 401, 404...).
 * </ul>
 *
 * <p>Secrets: header values are sent but never put in a message; every message passes through
 * {@link Secrets#redact}, since servers may echo a key back in an error body. Timeout and
 * interruption: the call's timeout bounds the whole exchange, response body included, and an
 * interrupted call ends with {@link InterruptedException}; either way the request is abandoned and
 * its connection closed. Thread-safe.
 */
public final class JsonHttp implements AutoCloseable {
  /** Sleeps; replaced in tests to observe the wait a 429 asked for. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /** How many characters of an error body a message quotes. */
  static final int SNIPPET = 300;

  /** The longest wait for a connection, whichever the transport. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

  /** Headers only the transport may set: they frame or route the message. */
  private static final Set<String> RESTRICTED =
      Set.of("connection", "content-length", "expect", "host", "upgrade", "transfer-encoding");

  private final String systemName;
  private final List<Map.Entry<String, String>> headers;
  private final Secrets secrets;
  private final Duration maxRetryAfterWait;
  private final Sleeper sleeper;
  private final Http1Client plain;
  /** The JDK client, for https and proxied URLs; created on first use. */
  private volatile JdkTransport tls;
  private final ConcurrentHashMap<URI, Transport> byUri = new ConcurrentHashMap<>();

  /**
   * @param systemName for messages
   * @param headers sent with every request (values may be secrets; also registered in {@code
   *     secrets}); a header named like {@code Content-Type} or {@code Accept} replaces the default
   * @param secrets values to hide from messages
   * @param maxRetryAfterWait the longest {@code Retry-After} the call sleeps itself
   * @throws IllegalArgumentException when a header name is not an HTTP token, a value holds a
   *     control character such as a line break, or the name is one only the transport may set
   *     (Host, Content-Length, Connection...); the message names the header, never its value
   */
  public JsonHttp(String systemName, Map<String, String> headers, Secrets secrets, Duration maxRetryAfterWait,
      Sleeper sleeper) {
    this.systemName = systemName;
    this.headers = headerList(headers);
    this.secrets = secrets;
    this.maxRetryAfterWait = maxRetryAfterWait;
    this.sleeper = sleeper;
    this.plain = new Http1Client(this.headers, new Http1Client.Settings(CONNECT_TIMEOUT,
        Http1Client.Settings.DEFAULT.probeAfter(), Http1Client.Settings.DEFAULT.maxIdle(),
        Http1Client.Settings.DEFAULT.maxBody()));
  }

  private static List<Map.Entry<String, String>> headerList(Map<String, String> custom) {
    Map<String, Map.Entry<String, String>> byName = new LinkedHashMap<>();
    byName.put("content-type", Map.entry("Content-Type", "application/json"));
    byName.put("accept", Map.entry("Accept", "application/json"));
    custom.forEach((name, value) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      if (!isToken(name)) {
        throw new IllegalArgumentException("header name '" + printable(name) + "' is not a valid HTTP token");
      }
      if (RESTRICTED.contains(lower)) {
        throw new IllegalArgumentException("header '" + name + "' is set by the HTTP client itself");
      }
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
          throw new IllegalArgumentException("the value of header '" + name
              + "' holds a control or non-Latin-1 character (a line break?)");
        }
      }
      byName.put(lower, Map.entry(name, value));
    });
    return List.copyOf(byName.values());
  }

  private static boolean isToken(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static String printable(String s) {
    return s.replaceAll("[^\\x20-\\x7e]", "?");
  }

  public Secrets secrets() {
    return secrets;
  }

  /**
   * Reads a 2xx response body. Returns null when the body holds no JSON value (an empty body);
   * throws {@link IOException} when it is not well-formed JSON. Either makes the attempt a
   * transient fault.
   */
  @FunctionalInterface
  public interface BodyReader<T> {
    T read(byte[] body) throws IOException;
  }

  /**
   * Posts {@code body} and returns the parsed JSON answer.
   *
   * @param timeout the whole attempt's budget (null or non-positive: none)
   */
  public JsonNode post(URI uri, JsonNode body, Duration timeout) throws SystemException, InterruptedException {
    byte[] bytes;
    try {
      bytes = Json.MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new SystemException(fail("cannot serialise the request: " + e.getOriginalMessage()), false);
    }
    return post(uri, bytes, timeout, JsonHttp::tree);
  }

  private static JsonNode tree(byte[] body) throws IOException {
    JsonNode node = Json.MAPPER.readTree(body);
    return node == null || node.isMissingNode() ? null : node;
  }

  /**
   * Posts the JSON {@code body} (UTF-8 bytes) and returns what {@code reader} makes of the 2xx
   * answer; every other outcome is classified as for {@link #post(URI, JsonNode, Duration)}.
   *
   * @param timeout the whole attempt's budget (null or non-positive: none)
   */
  public <T> T post(URI uri, byte[] body, Duration timeout, BodyReader<T> reader)
      throws SystemException, InterruptedException {
    long start = System.nanoTime();
    boolean timed = timeout != null && !timeout.isZero() && !timeout.isNegative();
    long deadline = timed ? start + timeout.toNanos() : Transport.NO_DEADLINE;
    HttpReply reply;
    try {
      reply = transport(uri).post(uri, body, deadline);
    } catch (HttpConnectTimeoutException e) {
      throw new SystemException(fail("connect timeout to " + where(uri)), true);
    } catch (HttpTimeoutException e) {
      throw new SystemException(fail((timed ? "timeout after " + timeout.toMillis() + " ms" : "timeout")
          + " waiting for " + where(uri)), true);
    } catch (IOException e) {
      throw new SystemException(fail("connection error with " + where(uri) + ": " + describe(e)), true);
    } catch (RuntimeException e) {
      throw new SystemException(fail("HTTP client failure: " + e), false);
    }
    int status = reply.status();
    if (status >= 200 && status < 300) {
      T value;
      try {
        value = reader.read(reply.body());
      } catch (IOException e) {
        throw new SystemException(fail("malformed JSON in the response (HTTP " + status + "): "
            + snippet(new String(reply.body(), StandardCharsets.UTF_8))), true);
      }
      if (value == null) {
        throw new SystemException(fail("empty response body (HTTP " + status + ")"), true);
      }
      return value;
    }
    String text = new String(reply.body(), StandardCharsets.UTF_8);
    String reason = "HTTP " + status + " from " + where(uri) + ": " + serverMessage(text);
    if (status == 429) {
      throw rateLimited(reason, reply.retryAfter(), timed ? timeout.toNanos() - (System.nanoTime() - start)
          : Long.MAX_VALUE);
    }
    boolean transientFault = status == 408 || status >= 500;
    throw new SystemException(fail(reason), transientFault);
  }

  private Transport transport(URI uri) {
    Transport t = byUri.get(uri);
    if (t == null) {
      t = byUri.computeIfAbsent(uri, u -> "http".equalsIgnoreCase(u.getScheme()) && direct(u) ? plain : jdk());
    }
    return t;
  }

  /**
   * Whether the JVM's proxy settings send {@code uri} directly. The JDK client honours them
   * ({@code -Dhttp.proxyHost}...); the plain client has no proxy support, so a proxied URL stays
   * with the JDK client and the choice of transport changes nothing for the user.
   */
  private static boolean direct(URI uri) {
    ProxySelector selector = ProxySelector.getDefault();
    if (selector == null) {
      return true;
    }
    try {
      return selector.select(uri).stream().allMatch(p -> p.type() == Proxy.Type.DIRECT);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private JdkTransport jdk() {
    JdkTransport t = tls;
    if (t == null) {
      synchronized (this) {
        t = tls;
        if (t == null) {
          t = new JdkTransport(headers, CONNECT_TIMEOUT);
          tls = t;
        }
      }
    }
    return t;
  }

  /** Closes idle connections; later calls still work but keep no connection. Idempotent. */
  @Override
  public void close() {
    plain.close();
    JdkTransport t = tls;
    if (t != null) {
      t.close();
    }
  }

  private SystemException rateLimited(String reason, String retryAfter, long nanosLeft)
      throws InterruptedException {
    Duration wait = retryAfter(retryAfter);
    if (wait == null) {
      return new SystemException(fail(reason), true);
    }
    if (wait.compareTo(maxRetryAfterWait) <= 0 && wait.toNanos() < nanosLeft) {
      sleeper.sleep(wait);
      return new SystemException(fail(reason + " (waited Retry-After " + wait.toMillis() + " ms)"), true);
    }
    return new SystemException(fail(reason + " (Retry-After " + wait.toSeconds() + " s, longer than this call may "
        + "wait; lower the suite's concurrency or set rate_limit_rpm)"), true);
  }

  /** The wait of a {@code Retry-After} value: delta seconds or an HTTP date; null when absent or bad. */
  static Duration retryAfter(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.trim();
    try {
      double seconds = Double.parseDouble(v);
      return seconds >= 0 && seconds < 1e7 ? Duration.ofMillis((long) Math.ceil(seconds * 1000)) : null;
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }

  /** The server's own error message ({@code error.message}, {@code message}, {@code detail}), else a snippet. */
  private String serverMessage(String body) {
    try {
      JsonNode node = Json.MAPPER.readTree(body);
      if (node != null) {
        for (String ptr : new String[] {"/error/message", "/error", "/message", "/detail"}) {
          JsonNode m = node.at(ptr);
          if (m.isTextual() && !m.textValue().isBlank()) {
            return snippet(m.textValue());
          }
        }
      }
    } catch (IOException notJson) {
      // Fall through to the raw snippet.
    }
    return body.isBlank() ? "(empty body)" : snippet(body);
  }

  /**
   * {@code s} on one line, secrets hidden, cut to {@value #SNIPPET} characters. Redacted before it
   * is cut, so a cut through a secret cannot leave a piece of it.
   */
  private String snippet(String s) {
    String one = secrets.redact(s).replaceAll("\\s+", " ").strip();
    return one.length() <= SNIPPET ? one : one.substring(0, SNIPPET) + "...";
  }

  private static String where(URI uri) {
    // Host and path only: user info and query strings may carry credentials.
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + uri.getPath();
  }

  /**
   * What went wrong, in the user's words rather than a Java class name (a user who reads
   * "ConnectException" has to know Java to learn that nothing listens on the port).
   */
  private String describe(IOException e) {
    String m = e.getMessage();
    String detail = m == null || m.isBlank() ? "" : " (" + snippet(m) + ")";
    if (e instanceof java.net.ConnectException) {
      return "could not connect: nothing accepted the connection (is the server running?)" + detail;
    }
    if (e instanceof java.net.UnknownHostException) {
      return "unknown host" + detail;
    }
    if (e instanceof java.net.http.HttpTimeoutException || e instanceof java.net.SocketTimeoutException) {
      return "timed out" + detail;
    }
    if (e instanceof javax.net.ssl.SSLException) {
      return "TLS error" + detail;
    }
    if (e instanceof java.io.EOFException) {
      return "the server closed the connection" + detail;
    }
    return m == null || m.isBlank() ? "input/output error" : snippet(m);
  }

  private String fail(String message) {
    return secrets.redact("system '" + systemName + "': " + message);
  }
}
