package dev.assay.systems.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Json;
import dev.assay.core.SystemException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * JSON over HTTP POST for one system: one shared {@link HttpClient} (HTTP/1.1, so connections are
 * kept alive and reused across calls and threads) and the fault classification both HTTP
 * adapters share.
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
 * interrupted call ends with {@link InterruptedException}; either way the request is cancelled.
 * Thread-safe.
 */
public final class JsonHttp {
  /** Sleeps; replaced in tests to observe the wait a 429 asked for. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /** How many characters of an error body a message quotes. */
  static final int SNIPPET = 300;

  private final String systemName;
  private final HttpClient client;
  private final Map<String, String> headers;
  private final Secrets secrets;
  private final Duration maxRetryAfterWait;
  private final Sleeper sleeper;

  /**
   * @param systemName for messages
   * @param headers sent with every request (values may be secrets; also registered in {@code
   *     secrets})
   * @param secrets values to hide from messages
   * @param maxRetryAfterWait the longest {@code Retry-After} the call sleeps itself
   */
  public JsonHttp(String systemName, Map<String, String> headers, Secrets secrets, Duration maxRetryAfterWait,
      Sleeper sleeper) {
    this.systemName = systemName;
    this.headers = Map.copyOf(headers);
    this.secrets = secrets;
    this.maxRetryAfterWait = maxRetryAfterWait;
    this.sleeper = sleeper;
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(30))
        .followRedirects(HttpClient.Redirect.NEVER)
        // The client's own steps (reading the response, completing the future) then run on its
        // selector thread instead of hopping to a pool thread each: measured on 2 cores against
        // the local stub, that hop cost about as much CPU as the rest of the exchange. Nothing
        // here blocks in a client callback: bodies are collected as byte arrays.
        .executor(Runnable::run)
        .build();
  }

  public Secrets secrets() {
    return secrets;
  }

  /**
   * Posts {@code body} and returns the parsed JSON answer.
   *
   * @param timeout the whole attempt's budget (null or non-positive: none)
   */
  public JsonNode post(URI uri, JsonNode body, Duration timeout) throws SystemException, InterruptedException {
    long start = System.nanoTime();
    byte[] bytes;
    try {
      bytes = Json.MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new SystemException(fail("cannot serialise the request: " + e.getOriginalMessage()), false);
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
    boolean timed = timeout != null && !timeout.isZero() && !timeout.isNegative();
    if (timed) {
      request.timeout(timeout);
    }
    headers.forEach(request::header);
    HttpResponse<byte[]> response;
    // sendAsync + a timed get bounds the whole exchange, body included: the client's own request
    // timeout stops at the response headers, so a slow body would outlast it.
    CompletableFuture<HttpResponse<byte[]>> pending =
        client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    try {
      response = timed ? pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS) : pending.get();
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw new SystemException(fail("timeout after " + timeout.toMillis() + " ms waiting for " + where(uri)), true);
    } catch (InterruptedException e) {
      pending.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof HttpConnectTimeoutException) {
        throw new SystemException(fail("connect timeout to " + where(uri)), true);
      }
      if (c instanceof HttpTimeoutException) {
        throw new SystemException(fail("timeout after " + timeout.toMillis() + " ms waiting for " + where(uri)), true);
      }
      if (c instanceof IOException io) {
        throw new SystemException(fail("connection error with " + where(uri) + ": " + describe(io)), true);
      }
      throw new SystemException(fail("HTTP client failure: " + c), false);
    }
    int status = response.statusCode();
    String text = new String(response.body(), StandardCharsets.UTF_8);
    if (status >= 200 && status < 300) {
      try {
        JsonNode node = Json.MAPPER.readTree(response.body());
        if (node == null || node.isMissingNode()) {
          throw new SystemException(fail("empty response body (HTTP " + status + ")"), true);
        }
        return node;
      } catch (IOException e) {
        throw new SystemException(fail("malformed JSON in the response (HTTP " + status + "): " + snippet(text)), true);
      }
    }
    String reason = "HTTP " + status + " from " + where(uri) + ": " + serverMessage(text);
    if (status == 429) {
      throw rateLimited(reason, response, timed ? timeout.toNanos() - (System.nanoTime() - start) : Long.MAX_VALUE);
    }
    boolean transientFault = status == 408 || status >= 500;
    throw new SystemException(fail(reason), transientFault);
  }

  private SystemException rateLimited(String reason, HttpResponse<?> response, long nanosLeft)
      throws InterruptedException {
    Duration wait = retryAfter(response.headers().firstValue("Retry-After").orElse(null));
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

  private static String snippet(String s) {
    String one = s.replaceAll("\\s+", " ").strip();
    return one.length() <= SNIPPET ? one : one.substring(0, SNIPPET) + "...";
  }

  private static String where(URI uri) {
    // Host and path only: user info and query strings may carry credentials.
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + uri.getPath();
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : " (" + m + ")");
  }

  private String fail(String message) {
    return secrets.redact("system '" + systemName + "': " + message);
  }
}
