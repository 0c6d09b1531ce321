package dev.assay.report;

/**
 * Builds an HTML table whose every cell is escaped text; numeric cells are right-aligned. The only
 * way to put markup in a cell is {@link #rawRow}, used for cells assay itself built.
 */
final class HtmlTable {
  private final StringBuilder sb = new StringBuilder();

  HtmlTable(String cssClass, String... headers) {
    sb.append("<table").append(cssClass == null ? "" : " class=\"" + Html.attr(cssClass) + "\"").append("><thead><tr>");
    for (String h : headers) {
      sb.append("<th>").append(Html.text(h)).append("</th>");
    }
    sb.append("</tr></thead><tbody>\n");
  }

  /**
   * A row of text cells. A cell is a number (right-aligned) when it starts with a digit, sign, "["
   * or "–" and holds no word: "95% interval [...] clears ..." is prose and stays left-aligned.
   */
  HtmlTable row(String... cells) {
    sb.append("<tr>");
    for (String c : cells) {
      boolean numeric = !c.isEmpty() && (Character.isDigit(c.charAt(0)) || c.charAt(0) == '-' || c.charAt(0) == '+'
          || c.charAt(0) == '[' || c.charAt(0) == '–') && isNumber(c);
      sb.append(numeric ? "<td class=\"n\">" : "<td>").append(Html.text(c)).append("</td>");
    }
    sb.append("</tr>\n");
    return this;
  }

  /** No letters but an exponent's e (and "Infinity"/"NaN" spelt by Java for non-finite values). */
  static boolean isNumber(String c) {
    String rest = c.replace("Infinity", "").replace("NaN", "");
    return rest.chars().noneMatch(ch -> Character.isLetter(ch) && ch != 'e' && ch != 'E');
  }

  /** A row of already-built markup (each cell must be escaped by the caller). */
  HtmlTable rawRow(String attributes, String... cellsHtml) {
    sb.append("<tr").append(attributes).append('>');
    for (String c : cellsHtml) {
      sb.append(c);
    }
    sb.append("</tr>\n");
    return this;
  }

  String html() {
    return sb + "</tbody></table>\n";
  }
}
