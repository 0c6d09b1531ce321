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
   * A row of text cells; a number or an interval (a cell starting with a digit, sign or "[" and
   * holding no letter but an exponent's e) is right-aligned, so a reason that starts "95% interval"
   * or a date stays text.
   */
  HtmlTable row(String... cells) {
    sb.append("<tr>");
    for (String c : cells) {
      boolean numeric = !c.isEmpty() && (Character.isDigit(c.charAt(0)) || c.charAt(0) == '-' || c.charAt(0) == '+'
          || c.charAt(0) == '[' || c.charAt(0) == '–') && c.chars().noneMatch(ch -> Character.isLetter(ch)
              && ch != 'e' && ch != 'E');
      sb.append(numeric ? "<td class=\"n\">" : "<td>").append(Html.text(c)).append("</td>");
    }
    sb.append("</tr>\n");
    return this;
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
