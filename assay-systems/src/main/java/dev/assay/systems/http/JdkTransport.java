package dev.assay.systems.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@link Transport} for {@code https://} URLs: the JDK's {@link HttpClient} (HTTP/1.1, TLS
 * from the JDK, keep-alive connections shared by all calls). One client per instance.
 */
final class JdkTransport implements Transport {
  private final HttpClient client;
  private final List<Map.Entry<String, String>> headers;

  /** @param headers sent with every request, in order; names and values already validated */
  JdkTransport(List<Map.Entry<String, String>> headers, Duration connectTimeout) {
    this.headers = List.copyOf(headers);
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        // The client's own steps (reading the response, completing the future) then run on its
        // selector thread instead of hopping to a pool thread each: measured on 2 cores against
        // the local stub, that hop cost about as much CPU as the rest of the exchange. Nothing
        // here blocks in a client callback: bodies are collected as byte arrays.
        .executor(Runnable::run)
        .build();
  }

  @Override
  public HttpReply post(URI uri, byte[] body, long deadlineNanos)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    long left = deadlineNanos == NO_DEADLINE ? Long.MAX_VALUE : deadlineNanos - System.nanoTime();
    if (left <= 0) {
      throw new HttpTimeoutException("deadline passed before sending");
    }
    if (deadlineNanos != NO_DEADLINE) {
      request.timeout(Duration.ofNanos(left));
    }
    for (Map.Entry<String, String> h : headers) {
      request.header(h.getKey(), h.getValue());
    }
    // sendAsync + a timed get bounds the whole exchange, body included: the client's own request
    // timeout stops at the response headers, so a slow body would outlast it.
    CompletableFuture<HttpResponse<byte[]>> pending =
        client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<byte[]> response;
    try {
      response = deadlineNanos == NO_DEADLINE ? pending.get() : pending.get(left, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw new HttpTimeoutException("deadline passed");
    } catch (InterruptedException e) {
      pending.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException io) {
        throw io;
      }
      if (c instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("HTTP client failure", c);
    }
    return new HttpReply(response.statusCode(), response.headers().firstValue("Retry-After").orElse(null),
        response.body());
  }

  /** The JDK 17 client has no close: idle connections end with the client, when it is collected. */
  @Override
  public void close() {}
}
