package dev.assay.server.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.text.Excerpt;
import dev.assay.core.text.TerminalText;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * A client of an assay server's REST API: JSON in and out, the token as {@code Authorization:
 * Bearer}, problems turned into one clear message. Requests that fail in transit or with a 5xx are
 * retried (every write of the API is idempotent), up to {@link #ATTEMPTS} times with backoff.
 *
 * <p>A refusal the user can fix (401, 403, 404, 4xx, a server that cannot be reached) is an
 * {@link InputException}; a server that keeps failing is an IllegalStateException.
 */
public final class ServerClient {
  static final int ATTEMPTS = 5;

  private final URI base;
  private final String token;
  private final HttpClient http;

  /** A response: status and JSON body (null when the body is not JSON). */
  public record Reply(int status, JsonNode body) {}

  /**
   * @param url the server, e.g. http://assay.example:8080
   * @param token the API token, or null (a server with auth off)
   * @throws InputException when the URL is not an http(s) URL
   */
  public ServerClient(String url, String token) {
    this.base = parse(url);
    this.token = token == null || token.isBlank() ? null : token.strip();
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  private static URI parse(String url) {
    try {
      URI u = new URI(url == null ? "" : url.strip());
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null || u.getRawQuery() != null
          || u.getRawFragment() != null || u.getRawUserInfo() != null) {
        throw new URISyntaxException(String.valueOf(url), "not a server URL");
      }
      String path = u.getRawPath() == null ? "" : u.getRawPath();
      return new URI(scheme + "://" + u.getRawAuthority() + (path.endsWith("/") ? path.substring(0, path.length() - 1)
          : path));
    } catch (URISyntaxException e) {
      throw InputException.of("--server " + TerminalText.escape(String.valueOf(url)) + " is not a server URL",
          "http://HOST:PORT or https://HOST (the address of 'assay serve')");
    }
  }

  /** The server's address as given (normalised). */
  public URI base() {
    return base;
  }

  public Reply get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET(), path);
  }

  /** Sends a JSON document; {@code method} is PUT or POST. */
  public Reply sendJson(String method, String path, JsonNode body) {
    byte[] bytes = Json.write(body).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return sendBytes(method, path, bytes, "application/json");
  }

  public Reply sendBytes(String method, String path, byte[] body, String contentType) {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
        .method(method, HttpRequest.BodyPublishers.ofByteArray(body)), path);
  }

  /** Sends a body produced by {@code body} (called again for each attempt). */
  public Reply sendStream(String method, String path, java.util.function.Supplier<java.io.InputStream> body,
      String contentType) {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
        .method(method, HttpRequest.BodyPublishers.ofInputStream(body)), path);
  }

  private URI uri(String path) {
    return URI.create(base + path);
  }

  private Reply send(HttpRequest.Builder request, String path) {
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    request.timeout(Duration.ofMinutes(5));
    HttpRequest built = request.build();
    IOException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        HttpResponse<String> r = http.send(built, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 500 && attempt < ATTEMPTS) {
          backoff(attempt);
          continue;
        }
        return reply(r, path);
      } catch (ConnectException e) {
        // The JDK often leaves a refused connection without a message.
        String why = e.getMessage() == null ? "nothing accepted the connection" : TerminalText.escape(e.getMessage());
        throw InputException.of("cannot reach the server " + base + " (" + why + ")",
            "a running 'assay serve' at --server URL");
      } catch (HttpTimeoutException e) {
        last = e;
      } catch (IOException e) {
        last = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while talking to " + base, e);
      }
      backoff(attempt);
    }
    throw new IllegalStateException("the server " + base + " did not answer " + path + " after " + ATTEMPTS
        + " attempts: " + (last == null ? "server errors" : last.getMessage()), last);
  }

  private Reply reply(HttpResponse<String> r, String path) {
    JsonNode body = null;
    try {
      body = r.body() == null || r.body().isEmpty() ? null : Json.MAPPER.readTree(r.body());
    } catch (IOException notJson) {
      body = null;
    }
    int s = r.statusCode();
    if (s < 400 || s == 404) {
      return new Reply(s, body);
    }
    String detail = body == null ? "HTTP " + s : Excerpt.of(body.path("detail").asText("HTTP " + s));
    String what = "the server " + base + " refused " + path + " (" + s + "): " + TerminalText.escape(detail);
    if (s == 401) {
      throw InputException.of(what, "a valid token in ASSAY_TOKEN (assay tokens create on the server)");
    }
    if (s == 403) {
      throw InputException.of(what, "a token with the editor role");
    }
    if (s < 500) {
      throw InputException.of(what, "a request this server accepts");
    }
    throw new IllegalStateException(what);
  }

  private static void backoff(int attempt) {
    try {
      Thread.sleep(Math.min(5_000L, 200L << attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The body of a successful reply, or empty on 404. */
  public static Optional<JsonNode> found(Reply r) {
    return r.status() == 404 ? Optional.empty() : Optional.ofNullable(r.body());
  }
}
