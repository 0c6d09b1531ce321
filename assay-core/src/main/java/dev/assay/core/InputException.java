package dev.assay.core;

import dev.assay.core.text.TerminalText;
import java.nio.file.Path;

/**
 * Bad input from the user: a file, a line, a field and what was expected.
 *
 * <p>Invariant: the message printed by the CLI is exactly {@link #render()}, one line of the
 * form {@code FILE:LINE: what is wrong (what was expected)}; the CLI prefixes {@code error: } and
 * exits with code 2. Line is 0 when the fault concerns the whole file. The rendered line has every
 * control character escaped ({@link TerminalText#escape}), since file names, fields and problems
 * may quote file content.
 */
public class InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final String field;
  private final String expected;

  public InputException(String file, int line, String field, String problem, String expected) {
    super(problem);
    this.file = file;
    this.line = line;
    this.field = field;
    this.expected = expected;
  }

  public InputException(Path file, int line, String field, String problem, String expected) {
    this(file == null ? null : file.toString(), line, field, problem, expected);
  }

  /** A problem that concerns no file, e.g. a command-line argument. */
  public static InputException of(String problem, String expected) {
    return new InputException((String) null, 0, null, problem, expected);
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }

  public String field() {
    return field;
  }

  public String expected() {
    return expected;
  }

  /**
   * The one-line message: {@code FILE:LINE: field 'x': problem (expected ...)}, safe to print on a
   * terminal (no control or bidirectional formatting characters, no line breaks).
   */
  public String render() {
    StringBuilder sb = new StringBuilder();
    if (file != null) {
      sb.append(file);
      if (line > 0) {
        sb.append(':').append(line);
      }
      sb.append(": ");
    }
    if (field != null && !field.isEmpty()) {
      sb.append("field '").append(field).append("': ");
    }
    sb.append(getMessage());
    if (expected != null && !expected.isEmpty()) {
      sb.append(" (").append(expected).append(')');
    }
    // A line break becomes a space (messages wrap text); every other control is escaped visibly.
    return TerminalText.escape(sb.toString().replace('\n', ' '));
  }
}
