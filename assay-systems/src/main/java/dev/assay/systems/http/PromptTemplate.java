package dev.assay.systems.http;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text with {@code {{field}}} placeholders, filled from an example (see {@link ExampleFields}).
 *
 * <p>Invariants: a parsed template has no unclosed {@code {{}; placeholder names are {@code
 * [A-Za-z0-9_.-]+} with surrounding spaces ignored; everything else is literal text, copied
 * unchanged. A string field fills in as itself, any other JSON value as its canonical JSON.
 */
public final class PromptTemplate {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");

  /** Literal text and field names alternate: even indexes are text, odd ones field names. */
  private final List<String> parts;

  private PromptTemplate(List<String> parts) {
    this.parts = List.copyOf(parts);
  }

  /**
   * @throws IllegalArgumentException naming the problem when a {@code {{} is not closed or a
   *     placeholder name is not {@code [A-Za-z0-9_.-]+}
   */
  public static PromptTemplate parse(String text) {
    List<String> parts = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(text);
    int at = 0;
    while (m.find()) {
      String literal = text.substring(at, m.start());
      checkLiteral(literal);
      parts.add(literal);
      parts.add(m.group(1));
      at = m.end();
    }
    String tail = text.substring(at);
    checkLiteral(tail);
    parts.add(tail);
    return new PromptTemplate(parts);
  }

  private static void checkLiteral(String literal) {
    int open = literal.indexOf("{{");
    if (open >= 0) {
      String near = literal.substring(open, Math.min(literal.length(), open + 30));
      throw new IllegalArgumentException("placeholder '" + near + "' is not closed with }} or its name is not "
          + "letters, digits, _ . -");
    }
  }

  /** The field names used, in order of appearance (with repeats). */
  public List<String> fields() {
    List<String> names = new ArrayList<>();
    for (int i = 1; i < parts.size(); i += 2) {
      names.add(parts.get(i));
    }
    return names;
  }

  /** When the whole template is one placeholder, its field name; else null. */
  String soleField() {
    return parts.size() == 3 && parts.get(0).isEmpty() && parts.get(2).isEmpty() ? parts.get(1) : null;
  }

  /** The filled text. */
  public String render(ExampleFields fields) throws MissingFieldException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < parts.size(); i++) {
      if (i % 2 == 0) {
        sb.append(parts.get(i));
      } else {
        String name = parts.get(i);
        sb.append(ExampleFields.text(fields.get(name).orElseThrow(() -> new MissingFieldException(name, fields))));
      }
    }
    return sb.toString();
  }

  /** The first field {@code fields} lacks, or null when the template can be filled. */
  public String firstMissing(ExampleFields fields) {
    for (String name : fields()) {
      if (fields.get(name).isEmpty()) {
        return name;
      }
    }
    return null;
  }
}
