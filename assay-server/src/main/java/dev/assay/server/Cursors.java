package dev.assay.server;

import dev.assay.core.ResultQuery;
import dev.assay.core.RunQuery;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Opaque page cursors: base64url of the position of the last item of the previous page. Clients
 * pass them back unchanged; a cursor that does not decode is a 400 problem, never a store query.
 */
final class Cursors {
  private Cursors() {}

  static String runs(RunQuery.Position p) {
    return p == null ? null : encode("r1|" + p.startedAt() + "|" + p.runId());
  }

  static RunQuery.Position runs(String cursor) {
    if (cursor == null) {
      return null;
    }
    String[] parts = decode(cursor).split("\\|", 3);
    if (parts.length != 3 || !parts[0].equals("r1")) {
      throw invalid();
    }
    try {
      return new RunQuery.Position(Instant.parse(parts[1]), Ids.run(parts[2]));
    } catch (DateTimeParseException | Problem e) {
      throw invalid();
    }
  }

  static String results(ResultQuery.Position p) {
    return p == null ? null : encode("e1|" + p.index() + "|" + p.repeat());
  }

  static ResultQuery.Position results(String cursor) {
    if (cursor == null) {
      return null;
    }
    String[] parts = decode(cursor).split("\\|", 3);
    if (parts.length != 3 || !parts[0].equals("e1")) {
      throw invalid();
    }
    try {
      return new ResultQuery.Position(Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
  }

  private static String encode(String s) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String cursor) {
    if (cursor.length() > 400) {
      throw invalid();
    }
    try {
      return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
  }

  private static Problem invalid() {
    return new Problem(400, "invalid-cursor", "Invalid cursor", "the cursor is not one this server made; start again "
        + "without it");
  }
}
