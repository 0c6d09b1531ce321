package dev.assay.systems.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link Http1Client} against scripted servers on real loopback sockets. */
class Http1ClientTest {
  private static final List<Map.Entry<String, String>> HEADERS =
      List.of(Map.entry("Content-Type", "application/json"), Map.entry("Authorization", "Bearer sk-test-0123"));

  private static Http1Client client() {
    return new Http1Client(HEADERS, Http1Client.Settings.DEFAULT);
  }

  /** Every idle connection is probed before reuse. */
  private static Http1Client probingClient() {
    Http1Client.Settings d = Http1Client.Settings.DEFAULT;
    return new Http1Client(HEADERS, new Http1Client.Settings(d.connectTimeout(), Duration.ZERO, d.maxIdle(), d.maxBody()));
  }

  private static long in(Duration d) {
    return System.nanoTime() + d.toNanos();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(HttpReply r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  /** Echoes the request body in a keep-alive 200. */
  private static boolean echo(ScriptedServer.Request r, OutputStream out) throws IOException {
    out.write(ScriptedServer.response(200, "", r.bodyText()));
    return true;
  }

  @Test
  void sequentialCallsReuseOneKeepAliveConnectionAndSendAWellFormedRequest() throws Exception {
    try (ScriptedServer server = new ScriptedServer(Http1ClientTest::echo); Http1Client client = client()) {
      for (int i = 0; i < 5; i++) {
        String body = "{\"n\":" + i + ",\"text\":\"naïve café 東京\"}";
        HttpReply reply = client.post(server.uri("/v1/chat/completions?x=1"), utf8(body), in(Duration.ofSeconds(20)));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(text(reply)).isEqualTo(body);
      }
      assertThat(server.connections()).as("one keep-alive connection").isEqualTo(1);
      assertThat(client.idleConnections()).isEqualTo(1);
      ScriptedServer.Request first = server.requests().get(0);
      assertThat(first.head()).startsWith("POST /v1/chat/completions?x=1 HTTP/1.1\r\n");
      assertThat(first.header("Host")).isEqualTo("127.0.0.1:" + server.uri("/").getPort());
      assertThat(first.header("Content-Length")).isEqualTo(Integer.toString(first.body().length));
      assertThat(first.header("Authorization")).isEqualTo("Bearer sk-test-0123");
      assertThat(first.header("Content-Type")).isEqualTo("application/json");
    }
  }

  @Test
  void aChunkedBodyWithExtensionsAndTrailersIsDecodedAndTheConnectionKept() throws Exception {
    ScriptedServer.Script chunked = (r, out) -> {
      out.write(utf8("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "5;ext=1\r\n{\"a\":\r\n" + "b\r\n\"chunked!\"}\r\n" + "0\r\nX-Trailer: yes\r\n\r\n"));
      return true;
    };
    try (ScriptedServer server = new ScriptedServer(chunked); Http1Client client = client()) {
      for (int i = 0; i < 2; i++) {
        HttpReply reply = client.post(server.uri("/"), utf8("{}"), in(Duration.ofSeconds(20)));
        assertThat(text(reply)).isEqualTo("{\"a\":\"chunked!\"}");
      }
      assertThat(server.connections()).as("a chunked response leaves the connection reusable").isEqualTo(1);
    }
  }

  @Test
  void connectionCloseAndUnframedBodiesEndTheConnection() throws Exception {
    ScriptedServer.Script script = (r, out) -> {
      if (r.bodyText().equals("close")) {
        out.write(ScriptedServer.response(200, "Connection: close\r\n", "{\"closed\":true}"));
      } else {
        // HTTP/1.0 style: no length, the body ends with the connection.
        out.write(utf8("HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n{\"to\":\"end\"}"));
      }
      return false;
    };
    try (ScriptedServer server = new ScriptedServer(script); Http1Client client = client()) {
      assertThat(text(client.post(server.uri("/"), utf8("close"), in(Duration.ofSeconds(20)))))
          .isEqualTo("{\"closed\":true}");
      assertThat(client.idleConnections()).as("Connection: close is not pooled").isZero();
      assertThat(text(client.post(server.uri("/"), utf8("end"), in(Duration.ofSeconds(20)))))
          .isEqualTo("{\"to\":\"end\"}");
      assertThat(client.idleConnections()).as("a body read to the end of the stream is not pooled").isZero();
      assertThat(server.connections()).isEqualTo(2);
    }
  }

  @Test
  void interimResponsesAreSkippedAndStatusAndRetryAfterReported() throws Exception {
    ScriptedServer.Script script = (r, out) -> {
      out.write(utf8("HTTP/1.1 100 Continue\r\n\r\n"));
      out.write(ScriptedServer.response(429, "Retry-After: 7\r\n", "{\"error\":{\"message\":\"slow down\"}}"));
      return true;
    };
    try (ScriptedServer server = new ScriptedServer(script); Http1Client client = client()) {
      HttpReply reply = client.post(server.uri("/"), utf8("{}"), in(Duration.ofSeconds(20)));
      assertThat(reply.status()).isEqualTo(429);
      assertThat(reply.retryAfter()).isEqualTo("7");
      assertThat(text(reply)).contains("slow down");
    }
  }

  @Test
  void aServerThatClosesMidBodyFailsTheCallAndTheRequestIsSentOnce() throws Exception {
    ScriptedServer.Script cut = (r, out) -> {
      out.write(utf8("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"partial\":"));
      return false;
    };
    try (ScriptedServer server = new ScriptedServer(cut); Http1Client client = client()) {
      Throwable t = catchThrowable(() -> client.post(server.uri("/"), utf8("{}"), in(Duration.ofSeconds(20))));
      assertThat(t).isInstanceOf(EOFException.class).hasMessageContaining("11 of 100 body bytes");
      assertThat(server.requests()).hasSize(1);
      assertThat(client.idleConnections()).isZero();
    }
  }

  @Test
  void aBodyThatTricklesPastTheDeadlineTimesOut() throws Exception {
    CountDownLatch done = new CountDownLatch(1);
    ScriptedServer.Script trickle = (r, out) -> {
      out.write(utf8("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"));
      // One byte every 50 ms: each read succeeds well within any per-read timeout, so only a
      // deadline over the whole exchange ends the call.
      for (int i = 0; i < 1000 && !done.await(50, TimeUnit.MILLISECONDS); i++) {
        out.write(' ');
        out.flush();
      }
      return false;
    };
    try (ScriptedServer server = new ScriptedServer(trickle); Http1Client client = client()) {
      Throwable t = catchThrowable(() -> client.post(server.uri("/"), utf8("{}"), in(Duration.ofMillis(400))));
      done.countDown();
      assertThat(t).isInstanceOf(HttpTimeoutException.class);
      assertThat(client.idleConnections()).isZero();
    }
  }

  @Test
  void aPooledConnectionTheServerClosedWhileIdleIsReplacedWithoutResending() throws Exception {
    ScriptedServer.Script onceThenClose = (r, out) -> {
      out.write(ScriptedServer.response(200, "", r.bodyText()));
      // The response says keep-alive, but the server drops the connection right after, as a
      // server does when its idle timeout passes.
      return false;
    };
    try (ScriptedServer server = new ScriptedServer(onceThenClose); Http1Client client = probingClient()) {
      assertThat(text(client.post(server.uri("/"), utf8("{\"n\":1}"), in(Duration.ofSeconds(20))))).isEqualTo("{\"n\":1}");
      assertThat(client.idleConnections()).isEqualTo(1);
      awaitServerClosed(server, 1);
      assertThat(text(client.post(server.uri("/"), utf8("{\"n\":2}"), in(Duration.ofSeconds(20))))).isEqualTo("{\"n\":2}");
      assertThat(server.connections()).as("the stale connection was replaced").isEqualTo(2);
      assertThat(server.requests()).extracting(ScriptedServer.Request::bodyText)
          .as("each request reached the server exactly once").containsExactly("{\"n\":1}", "{\"n\":2}");
    }
  }

  @Test
  void aConnectionDroppedAfterTheRequestWasSentFailsTheCallWithoutResending() throws Exception {
    ScriptedServer.Script dropSecond = (r, out) -> {
      if (r.number() == 2) {
        return false;
      }
      out.write(ScriptedServer.response(200, "", r.bodyText()));
      return true;
    };
    try (ScriptedServer server = new ScriptedServer(dropSecond); Http1Client client = client()) {
      client.post(server.uri("/"), utf8("{\"n\":1}"), in(Duration.ofSeconds(20)));
      Throwable t = catchThrowable(() -> client.post(server.uri("/"), utf8("{\"n\":2}"), in(Duration.ofSeconds(20))));
      // The server may have processed the request: resending is the engine's decision, not ours.
      assertThat(t).isInstanceOf(IOException.class);
      assertThat(server.requests()).extracting(ScriptedServer.Request::bodyText)
          .containsExactly("{\"n\":1}", "{\"n\":2}");
      assertThat(text(client.post(server.uri("/"), utf8("{\"n\":3}"), in(Duration.ofSeconds(20))))).isEqualTo("{\"n\":3}");
    }
  }

  @Test
  void malformedResponsesAreProtocolErrors() throws Exception {
    List<String> answers = List.of("SMTP ready\r\n\r\n", "HTTP/1.1 2x0 OK\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello",
        "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
    ScriptedServer.Script script = (r, out) -> {
      out.write(utf8(answers.get(r.number() - 1)));
      return false;
    };
    try (ScriptedServer server = new ScriptedServer(script); Http1Client client = client()) {
      for (String answer : answers) {
        Throwable t = catchThrowable(() -> client.post(server.uri("/"), utf8("{}"), in(Duration.ofSeconds(20))));
        assertThat(t).as("answer %s", answer).isInstanceOf(ProtocolException.class);
      }
    }
  }

  @Test
  void concurrentCallersEachGetTheirOwnAnswerOverAtMostOneConnectionEach() throws Exception {
    int threads = 8;
    try (ScriptedServer server = new ScriptedServer(Http1ClientTest::echo); Http1Client client = client()) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int thread = t;
          futures.add(pool.submit(() -> {
            for (int i = 0; i < 25; i++) {
              String body = "{\"thread\":" + thread + ",\"i\":" + i + "}";
              assertThat(text(client.post(server.uri("/"), utf8(body), in(Duration.ofSeconds(20))))).isEqualTo(body);
            }
            return null;
          }));
        }
        for (Future<?> f : futures) {
          f.get(60, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(server.requests()).hasSize(threads * 25);
      assertThat(server.connections()).isBetween(1, threads);
    }
  }

  @Test
  void interruptingACallBlockedOnTheServerEndsItWithInterruptedException() throws Exception {
    CountDownLatch received = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ScriptedServer.Script silent = (r, out) -> {
      received.countDown();
      release.await();
      return false;
    };
    try (ScriptedServer server = new ScriptedServer(silent); Http1Client client = client()) {
      CompletableFuture<Throwable> outcome = new CompletableFuture<>();
      Thread caller = new Thread(() -> {
        try {
          client.post(server.uri("/"), utf8("{}"), Transport.NO_DEADLINE);
          outcome.complete(null);
        } catch (Throwable t) {
          outcome.complete(t);
        }
      });
      caller.start();
      assertThat(received.await(20, TimeUnit.SECONDS)).as("the request reached the server").isTrue();
      caller.interrupt();
      assertThat(outcome.get(20, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
      release.countDown();
      assertThat(client.idleConnections()).isZero();

      Thread.currentThread().interrupt();
      Throwable t = catchThrowable(() -> client.post(server.uri("/"), utf8("{}"), Transport.NO_DEADLINE));
      assertThat(t).as("a call on an interrupted thread sends nothing").isInstanceOf(InterruptedException.class);
      assertThat(server.requests()).hasSize(1);
    }
  }

  @Test
  void aClosedClientKeepsNoConnection() throws Exception {
    try (ScriptedServer server = new ScriptedServer(Http1ClientTest::echo)) {
      Http1Client client = client();
      client.post(server.uri("/"), utf8("{}"), in(Duration.ofSeconds(20)));
      assertThat(client.idleConnections()).isEqualTo(1);
      client.close();
      assertThat(client.idleConnections()).isZero();
      client.post(server.uri("/"), utf8("{}"), in(Duration.ofSeconds(20)));
      assertThat(client.idleConnections()).isZero();
      client.close();
    }
  }

  private static void awaitServerClosed(ScriptedServer server, int n) throws InterruptedException {
    for (int i = 0; i < 2000 && server.closedByServer() < n; i++) {
      Thread.sleep(5);
    }
    assertThat(server.closedByServer()).as("connections the server closed").isEqualTo(n);
  }
}
