package dev.assay.report;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A minimal writer of inline SVG (docs/design/svg-plots.md explains why assay has its own).
 *
 * <p>Invariants: element and attribute names come from assay's code and must be plain lower-case
 * names (checked, so a caller cannot smuggle markup through a name); every attribute value and
 * every text node is escaped with {@link Html}; numbers are written with at most two decimals, which
 * keeps a 100,000-point report small and sub-pixel exact enough. Elements are closed in the order
 * opened ({@link #finish} checks that none is left open).
 */
public final class SvgWriter {
  private static final Pattern NAME = Pattern.compile("[a-z][a-zA-Z0-9-]*");

  private final StringBuilder sb = new StringBuilder(4096);
  private int depth;

  /**
   * Starts an {@code <svg>} of the given size in user units; {@code label} becomes its accessible
   * name and {@code <title>}.
   */
  public SvgWriter(double width, double height, String label) {
    sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(num(width)).append(' ')
        .append(num(height)).append("\" width=\"").append(num(width)).append("\" height=\"").append(num(height))
        .append("\" role=\"img\" aria-label=\"").append(Html.attr(label)).append("\" class=\"plot\">")
        .append("<title>").append(Html.text(label)).append("</title>");
  }

  /** Opens an element that will have children; attributes as name, value pairs. */
  public SvgWriter open(String name, Object... attributes) {
    start(name, attributes);
    sb.append('>');
    depth++;
    return this;
  }

  /** Closes the innermost open element, which must be {@code name}. */
  public SvgWriter close(String name) {
    checkName(name);
    if (depth == 0) {
      throw new IllegalStateException("no open element to close with </" + name + ">");
    }
    depth--;
    sb.append("</").append(name).append('>');
    return this;
  }

  /** A childless element. */
  public SvgWriter element(String name, Object... attributes) {
    start(name, attributes);
    sb.append("/>");
    return this;
  }

  /** A {@code <text>} element with escaped content. */
  public SvgWriter text(double x, double y, String content, Object... attributes) {
    Object[] all = new Object[attributes.length + 4];
    all[0] = "x";
    all[1] = x;
    all[2] = "y";
    all[3] = y;
    System.arraycopy(attributes, 0, all, 4, attributes.length);
    start("text", all);
    sb.append('>').append(Html.text(content)).append("</text>");
    return this;
  }

  /** A {@code <title>} child (a hover tooltip in browsers) with escaped content. */
  public SvgWriter tooltip(String content) {
    sb.append("<title>").append(Html.text(content)).append("</title>");
    return this;
  }

  /** The finished {@code <svg>} element. */
  public String finish() {
    if (depth != 0) {
      throw new IllegalStateException(depth + " element(s) left open");
    }
    return sb + "</svg>";
  }

  private void start(String name, Object[] attributes) {
    checkName(name);
    if (attributes.length % 2 != 0) {
      throw new IllegalArgumentException("attributes come in name, value pairs");
    }
    sb.append('<').append(name);
    for (int i = 0; i < attributes.length; i += 2) {
      String key = String.valueOf(attributes[i]);
      checkName(key);
      Object v = attributes[i + 1];
      String value = v instanceof Double d ? num(d) : v instanceof Integer n ? Integer.toString(n) : String.valueOf(v);
      sb.append(' ').append(key).append("=\"").append(Html.attr(value)).append('"');
    }
  }

  private static void checkName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not an SVG name: " + name);
    }
  }

  /** A coordinate with at most two decimals and no trailing zeros; non-finite values become 0. */
  public static String num(double v) {
    if (!Double.isFinite(v)) {
      return "0";
    }
    long hundredths = Math.round(v * 100);
    if (hundredths % 100 == 0) {
      return Long.toString(hundredths / 100);
    }
    String s = String.format(Locale.ROOT, "%.2f", hundredths / 100.0);
    return s.endsWith("0") ? s.substring(0, s.length() - 1) : s;
  }
}
