package dev.assay.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 by hand over a socket, for requests a well-behaved client will not send: a foreign Host
 * header (DNS rebinding), a chunked body without a length, paths with raw {@code ..} segments.
 */
final class RawHttp {
  private RawHttp() {}

  /** The status code and the whole response text of one request ({@code Connection: close}). */
  record Response(int status, String text) {}

  static Response send(int port, String requestHead, byte[] body) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      out.write(requestHead.getBytes(StandardCharsets.ISO_8859_1));
      if (body != null) {
        try {
          out.write(body);
        } catch (IOException closedEarly) {
          // the server may refuse and close before the whole body is sent
        }
      }
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      int n;
      try {
        while ((n = in.read(buf)) > 0) {
          got.write(buf, 0, n);
        }
      } catch (IOException reset) {
        // a reset after the response is fine
      }
      String text = got.toString(StandardCharsets.UTF_8);
      int status = text.startsWith("HTTP/1.1 ") ? Integer.parseInt(text.substring(9, 12)) : -1;
      return new Response(status, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Response get(int port, String path, String host, String extraHeaders) {
    return send(port, "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n" + extraHeaders + "\r\n",
        null);
  }
}
