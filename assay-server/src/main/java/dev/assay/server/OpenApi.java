package dev.assay.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The OpenAPI 3.1 document of the REST API, a resource kept beside the code it describes. */
public final class OpenApi {
  private static final String RESOURCE = "/dev/assay/server/openapi.json";
  private static volatile String document;

  private OpenApi() {}

  public static String document() {
    String d = document;
    if (d == null) {
      try (InputStream in = OpenApi.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(RESOURCE + " is missing from the server's jar");
        }
        d = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        document = d;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return d;
  }
}
