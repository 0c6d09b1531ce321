package dev.assay.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The frame of every HTML file assay writes: one self-contained document with inline CSS, inline
 * SVG and at most one small inline script of assay's own.
 *
 * <p>Defence in depth for untrusted content: besides escaping, the page carries a Content Security
 * Policy that forbids every network fetch and allows only the exact inline script assay wrote
 * (by its SHA-256), so even a hypothetical escaping bug could not run injected script or load
 * anything from the network.
 */
public final class HtmlPage {
  static final String CSS = """
      body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1100px;\
      padding:16px 24px;color:#1d232a;background:#fff}
      h1{font-size:22px;margin:8px 0}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #dde}
      h3{font-size:15px;margin:16px 0 6px}
      table{border-collapse:collapse;margin:6px 0 12px}th,td{border:1px solid #dde;padding:3px 8px;text-align:left;\
      vertical-align:top}th{background:#f3f4f7}td.n{text-align:right;font-variant-numeric:tabular-nums}
      .verdict{display:inline-block;padding:4px 14px;border-radius:4px;font-weight:700;font-size:18px;color:#fff}
      .PASS{background:#2e7d32}.FAIL{background:#c62828}.INCONCLUSIVE{background:#b26a00}
      .note{color:#555;font-style:italic}.muted{color:#777}
      svg.plot{display:block;margin:6px 0 14px;max-width:100%;height:auto}svg text{font:12px sans-serif;fill:#1d232a}
      svg text.tick{font-size:11px;fill:#555}svg text.num{font-size:11px}svg text.count{font-size:11px}
      svg text.on-dark{fill:#fff}svg text.on-light{fill:#1d232a}
      table.lineage,table.systems{width:100%;table-layout:fixed}table.lineage td,table.systems td{overflow-wrap:anywhere}
      table.lineage td.n,table.systems td.n{text-align:left}table.lineage th:first-child,table.systems th:first-child{width:11em}
      .rationale{font-size:12px;color:#333;margin-top:4px;white-space:pre-line}
      pre{white-space:pre-wrap;word-break:break-word;margin:0;max-height:16em;overflow:auto;font:12px/1.35 ui-monospace,\
      monospace;background:#f8f8fa;padding:4px}
      table.flips td{width:25%}table.flips td.id{width:auto}.tags{font-size:12px;color:#555}
      .plots{display:flex;flex-wrap:wrap;gap:16px}
      """;

  private HtmlPage() {}

  /** The reports' stylesheet, for pages that embed report sections and serve their CSS as a file. */
  public static String css() {
    return CSS;
  }

  /**
   * The whole document.
   *
   * @param title shown in the tab and as the heading (escaped here)
   * @param body trusted markup built by assay with every untrusted piece already escaped
   * @param script assay's own inline script, or null for none
   */
  public static String render(String title, String body, String script) {
    String scriptPolicy = script == null ? "'none'" : "'sha256-" + sha256(script) + "'";
    StringBuilder sb = new StringBuilder(body.length() + 4096);
    sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; ")
        .append("img-src data:; script-src ").append(scriptPolicy).append("; base-uri 'none'; form-action 'none'\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta name=\"generator\" content=\"assay\">\n")
        .append("<title>").append(Html.text(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n")
        .append("</head>\n<body>\n<h1>").append(Html.text(title)).append("</h1>\n").append(body);
    if (script != null) {
      sb.append("<script>").append(script).append("</script>\n");
    }
    sb.append("</body>\n</html>\n");
    return sb.toString();
  }

  static String sha256(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
