package dev.assay.server.ui;

import dev.assay.report.Html;
import dev.assay.server.Principal;
import dev.assay.server.Problem;
import dev.assay.server.Role;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The frame of every UI page: stylesheet and script from {@code /static} (the CSP allows no inline
 * script or style), navigation, who is signed in and a sign-out form with its CSRF token.
 * Everything that did not come from this code is escaped with {@link Html#text} / {@link Html#attr}.
 */
public final class Layout {
  private Layout() {}

  /** The nav entries: path and label. */
  private static final String[][] NAV = {
    {"/", "Runs"}, {"/compare", "Compare"}, {"/verdicts", "Verdicts"}, {"/plans", "Plans"}, {"/datasets", "Datasets"},
    {"/models", "Models"}, {"/audit", "Audit"}, {"/scorecard", "Scorecard"},
  };

  /** A navigation link a mounted route group adds (docs/design/server.md); shown right after "Runs". */
  public record NavLink(String path, String label) {
    public NavLink {
      java.util.Objects.requireNonNull(path, "path");
      java.util.Objects.requireNonNull(label, "label");
    }
  }

  /** The {@code active} value of the sign-in page, which shows no navigation: every link would lead back to it. */
  public static final String SIGN_IN = "/login";

  /**
   * A whole page.
   *
   * @param title escaped here
   * @param active the nav path to highlight
   * @param who the signed-in caller, or null
   * @param csrf the session's CSRF token (for the sign-out form), or null
   * @param body trusted markup with every untrusted piece escaped
   */
  public static String page(String title, String active, Principal who, String csrf, String body) {
    return page(title, active, who, csrf, body, java.util.List.of());
  }

  /** A whole page whose navigation also has {@code extra} links (from mounted route groups) after "Runs". */
  public static String page(String title, String active, Principal who, String csrf, String body,
      java.util.List<NavLink> extra) {
    StringBuilder b = new StringBuilder(body.length() + 2048);
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(Html.text(title)).append(" · assay</title>\n")
        .append("<link rel=\"icon\" href=\"data:,\">\n<link rel=\"stylesheet\" href=\"/static/assay.css\">\n")
        .append("<script src=\"/static/assay.js\" defer></script>\n</head>\n<body>\n<header class=\"top\">")
        .append("<a class=\"brand\" href=\"/\">assay</a><nav>");
    if (!SIGN_IN.equals(active)) {
      for (String[] n : NAV) {
        navLink(b, n[0], n[1], active);
        if (n[0].equals("/")) {
          for (NavLink l : extra) {
            navLink(b, l.path(), l.label(), active);
          }
        }
      }
    }
    if (who != null && who.role().includes(Role.ADMIN) && who.tokenId() != null) {
      b.append("<a href=\"/tokens\"").append("/tokens".equals(active) ? " class=\"active\"" : "").append(">Tokens</a>");
    }
    b.append("</nav><span class=\"who\">");
    if (who != null && who.tokenId() != null) {
      b.append(Html.text(who.name())).append(" (").append(who.role().wire()).append(") ")
          .append("<form method=\"post\" action=\"/logout\" class=\"inline\">").append(csrfField(csrf))
          .append("<button type=\"submit\">Sign out</button></form>");
    } else if (who != null) {
      b.append("auth off (local)");
    }
    b.append("</span></header>\n<main>\n<h1>").append(Html.text(title)).append("</h1>\n").append(body)
        .append("</main>\n</body>\n</html>\n");
    return b.toString();
  }

  private static void navLink(StringBuilder b, String path, String label, String active) {
    b.append("<a href=\"").append(Html.attr(path)).append('"').append(path.equals(active) ? " class=\"active\"" : "")
        .append('>').append(Html.text(label)).append("</a>");
  }

  /** The hidden CSRF field every state-changing form carries. */
  public static String csrfField(String csrf) {
    return csrf == null ? "" : "<input type=\"hidden\" name=\"csrf\" value=\"" + Html.attr(csrf) + "\">";
  }

  /** A problem as a page, for a browser. */
  public static String errorPage(Problem p) {
    String body = "<p class=\"problem\">" + Html.text(p.detail()) + "</p>\n<p class=\"muted\">" + p.status() + " · "
        + Html.text("urn:assay:problem:" + p.type()) + "</p>\n<p><a href=\"/\">Back to the runs</a></p>\n";
    return page(p.title(), "", null, null, body);
  }

  /** A query-string value, percent-encoded. */
  public static String q(String s) {
    return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
  }

  /** Text and attribute escaping, re-exported for the pages. */
  public static String t(String s) {
    return Html.text(s == null ? "" : s);
  }

  /** A time as every page shows it ({@link dev.assay.core.text.HumanTime}; the API keeps full precision). */
  public static String when(java.time.Instant at) {
    return dev.assay.core.text.HumanTime.of(at);
  }

  public static String a(String s) {
    return Html.attr(s == null ? "" : s);
  }
}
