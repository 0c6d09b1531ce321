package dev.assay.systems.http;

/**
 * A template names a field the example does not have. Not transient: asking again cannot help.
 * The message names the field, the example and the fields it has.
 */
public final class MissingFieldException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String field;

  MissingFieldException(String field, ExampleFields fields) {
    super("template field '" + field + "' is missing from example '" + fields.example().id() + "' (it has: "
        + fields.available() + ")");
    this.field = field;
  }

  public String field() {
    return field;
  }
}
