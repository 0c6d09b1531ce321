package dev.assay.systems.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback server whose answers are scripted byte for byte, to test the client against exact
 * wire behaviour: one thread per connection, requests framed by {@code Content-Length}, each
 * answered by the {@link Script}, which may also close the connection or never answer.
 */
final class ScriptedServer implements AutoCloseable {
  /** One request as received. */
  record Request(int connection, int number, String head, byte[] body) {
    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** A header's value by case-insensitive name, null when absent. */
    String header(String name) {
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
          return line.substring(colon + 1).strip();
        }
      }
      return null;
    }
  }

  /** Writes the answer to one request; returns false to close the connection afterwards. */
  @FunctionalInterface
  interface Script {
    boolean answer(Request request, OutputStream out) throws IOException, InterruptedException;
  }

  private final ServerSocket server;
  private final Script script;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger numbers = new AtomicInteger();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger closedByServer = new AtomicInteger();
  private volatile boolean closed;

  ScriptedServer(Script script) throws IOException {
    this.server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
    this.script = script;
    Thread acceptor = new Thread(this::accept, "scripted-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getLocalPort() + path);
  }

  int connections() {
    return connections.get();
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Connections the server side has closed (after a script returned false). */
  int closedByServer() {
    return closedByServer.get();
  }

  /** A complete response with a Content-Length body. */
  static byte[] response(int status, String extraHeaders, String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: " + b.length
        + "\r\n" + extraHeaders + "\r\n";
    byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[h.length + b.length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(b, 0, all, h.length, b.length);
    return all;
  }

  private void accept() {
    while (!closed) {
      Socket s;
      try {
        s = server.accept();
      } catch (IOException e) {
        return;
      }
      int number = connections.incrementAndGet();
      open.add(s);
      Thread t = new Thread(() -> serve(s, number), "scripted-" + number);
      t.setDaemon(true);
      t.start();
    }
  }

  private void serve(Socket s, int connection) {
    try (s) {
      s.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(s.getInputStream());
      OutputStream out = s.getOutputStream();
      while (true) {
        Request r = read(in, connection);
        if (r == null) {
          return;
        }
        requests.add(r);
        if (!script.answer(r, out)) {
          s.close();
          closedByServer.incrementAndGet();
          return;
        }
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // The client went away or the test ended.
    } finally {
      open.remove(s);
    }
  }

  private Request read(InputStream in, int connection) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    int length = 0;
    for (String line : text.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).strip());
      }
    }
    byte[] body = in.readNBytes(length);
    return new Request(connection, numbers.incrementAndGet(), text.substring(0, text.length() - 4), body);
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    for (Socket s : open) {
      s.close();
    }
  }
}
