package dev.assay.systems.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.assay.core.Json;
import dev.assay.core.SystemException;
import dev.assay.core.text.Secrets;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How {@link JsonHttp} classifies what the plain-HTTP transport returns, and what it keeps secret. */
class JsonHttpTest {
  private static final String KEY = "sk-secret-json-http-0042";

  private static JsonHttp http(List<Duration> sleeps) {
    return new JsonHttp("svc", Map.of("Authorization", "Bearer " + KEY), Secrets.NONE.with(KEY), Duration.ofSeconds(10),
        sleeps::add);
  }

  private static JsonNode body() {
    return Json.object().put("q", "x");
  }

  @Test
  void serverErrorsAreTransientAndLeaveTheConnectionReusable() throws Exception {
    ScriptedServer.Script script = (r, out) -> {
      out.write(r.number() == 1 ? ScriptedServer.response(503, "", "{\"error\":{\"message\":\"overloaded\"}}")
          : ScriptedServer.response(200, "", "{\"answer\":42}"));
      return true;
    };
    try (ScriptedServer server = new ScriptedServer(script); JsonHttp http = http(new ArrayList<>())) {
      SystemException e = catchThrowableOfType(SystemException.class,
          () -> http.post(server.uri("/v1/x"), body(), Duration.ofSeconds(20)));
      assertThat(e.isTransient()).isTrue();
      assertThat(e.getMessage()).contains("HTTP 503", "overloaded", "svc");
      assertThat(http.post(server.uri("/v1/x"), body(), Duration.ofSeconds(20)).get("answer").asInt()).isEqualTo(42);
      assertThat(server.connections()).isEqualTo(1);
      assertThat(server.requests().get(0).header("Accept")).isEqualTo("application/json");
    }
  }

  @Test
  void rateLimitSleepsTheServersRetryAfterWhenItFits() throws Exception {
    ScriptedServer.Script script = (r, out) -> {
      out.write(ScriptedServer.response(429, "Retry-After: 3\r\n", "{\"error\":{\"message\":\"rate limited\"}}"));
      return true;
    };
    List<Duration> sleeps = new ArrayList<>();
    try (ScriptedServer server = new ScriptedServer(script); JsonHttp http = http(sleeps)) {
      SystemException e = catchThrowableOfType(SystemException.class,
          () -> http.post(server.uri("/"), body(), Duration.ofSeconds(20)));
      assertThat(e.isTransient()).isTrue();
      assertThat(e.getMessage()).contains("HTTP 429", "waited Retry-After 3000 ms");
      assertThat(sleeps).containsExactly(Duration.ofSeconds(3));
    }
  }

  @Test
  void aDroppedConnectionIsATransientConnectionError() throws Exception {
    try (ScriptedServer server = new ScriptedServer((r, out) -> false); JsonHttp http = http(new ArrayList<>())) {
      SystemException e = catchThrowableOfType(SystemException.class,
          () -> http.post(server.uri("/"), body(), Duration.ofSeconds(20)));
      assertThat(e.isTransient()).isTrue();
      assertThat(e.getMessage()).contains("connection error with http://127.0.0.1:");
    }
  }

  @Test
  void aKeyEchoedInAGarbledResponseIsRedacted() throws Exception {
    ScriptedServer.Script echoKey = (r, out) -> {
      out.write(("HTTP/1.1 " + r.header("Authorization") + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      return false;
    };
    try (ScriptedServer server = new ScriptedServer(echoKey); JsonHttp http = http(new ArrayList<>())) {
      SystemException e = catchThrowableOfType(SystemException.class,
          () -> http.post(server.uri("/"), body(), Duration.ofSeconds(20)));
      assertThat(e.getMessage()).contains("connection error", "Bearer ***").doesNotContain(KEY);
    }
  }

  @Test
  void headersThatWouldBreakTheRequestAreRefusedWithoutShowingTheirValue() {
    Secrets secrets = Secrets.NONE.with(KEY);
    assertThatThrownBy(() -> new JsonHttp("svc", Map.of("X-Key", KEY + "\r\nX-Evil: 1"), secrets, Duration.ZERO,
        d -> {})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("X-Key")
        .hasMessageNotContaining(KEY);
    assertThatThrownBy(() -> new JsonHttp("svc", Map.of("Host", "example.org"), secrets, Duration.ZERO, d -> {}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("set by the HTTP client");
    assertThatThrownBy(() -> new JsonHttp("svc", Map.of("Bad Name", "v"), secrets, Duration.ZERO, d -> {}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a valid HTTP token");
  }

  @Test
  void aCustomContentTypeReplacesTheDefault() throws Exception {
    try (ScriptedServer server = new ScriptedServer((r, out) -> {
      out.write(ScriptedServer.response(200, "", "{}"));
      return true;
    }); JsonHttp http = new JsonHttp("svc", Map.of("content-type", "application/json; charset=utf-8"), Secrets.NONE,
        Duration.ZERO, d -> {})) {
      http.post(server.uri("/"), body(), Duration.ofSeconds(20));
      String head = server.requests().get(0).head();
      assertThat(head.split("(?i)content-type:", -1)).as("one Content-Type in %s", head).hasSize(2);
      assertThat(server.requests().get(0).header("Content-Type")).isEqualTo("application/json; charset=utf-8");
    }
  }
}
