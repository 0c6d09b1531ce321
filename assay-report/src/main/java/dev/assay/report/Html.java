package dev.assay.report;

import dev.assay.core.text.SafeText;

/**
 * HTML escaping of untrusted text. Everything that did not come from assay's own templates goes
 * through {@link #text} or {@link #attr}; the rest of the report is built from constant strings.
 *
 * <p>Both escape {@code & < > " '}, so the result is safe in element content and in quoted
 * attribute values alike, and a {@code </style>} or {@code </script>} inside an output cannot end
 * an element. Attribute values are always written double-quoted by this module. URLs from untrusted
 * content are never placed in {@code href} or {@code src}: the report has no links to outputs.
 */
public final class Html {
  private Html() {}

  /** Escaped element content. */
  public static String text(String s) {
    String c = SafeText.clean(s);
    StringBuilder sb = null;
    for (int i = 0; i < c.length(); i++) {
      String rep = switch (c.charAt(i)) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '"' -> "&quot;";
        case '\'' -> "&#39;";
        default -> null;
      };
      if (rep != null && sb == null) {
        sb = new StringBuilder(c.length() + 16).append(c, 0, i);
      }
      if (sb != null) {
        if (rep != null) {
          sb.append(rep);
        } else {
          sb.append(c.charAt(i));
        }
      }
    }
    return sb == null ? c : sb.toString();
  }

  /** Escaped attribute value, for use inside double quotes; newlines are kept as {@code &#10;}. */
  public static String attr(String s) {
    return text(s).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;");
  }
}
