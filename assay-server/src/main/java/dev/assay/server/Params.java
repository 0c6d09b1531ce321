package dev.assay.server;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Query parameters read with one clear problem per bad value. */
final class Params {
  private Params() {}

  static int limit(Context ctx, int fallback, int max) {
    String v = ctx.queryParam("limit");
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= 1 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw Problem.badRequest("limit must be a whole number from 1 to " + max);
  }

  static Instant instant(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw Problem.badRequest(name + " must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
    }
  }

  static Boolean bool(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    return switch (v) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> throw Problem.badRequest(name + " must be true or false");
    };
  }

  static double number(Context ctx, String name, double fallback, double lo, double hi) {
    String v = ctx.queryParam(name);
    if (v == null || v.isEmpty()) {
      return fallback;
    }
    try {
      double d = Double.parseDouble(v);
      if (d >= lo && d <= hi) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw Problem.badRequest(name + " must be a number from " + lo + " to " + hi);
  }

  /** A short free-text parameter (a name or search text), at most {@code max} characters. */
  static String text(Context ctx, String name, int max) {
    String v = ctx.queryParam(name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    if (v.length() > max) {
      throw Problem.badRequest(name + " is longer than " + max + " characters");
    }
    return v;
  }
}
