package dev.assay.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.Json;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * How every list command prints its items, so they agree: {@code --format json} prints one object
 * holding the items under one key; text prints a table (a heading line, then one line per item) or
 * one line per item; nothing found prints one line on stderr and nothing on stdout.
 *
 * @param <T> what is listed
 */
final class Listing<T> {
  private final String key;
  private final List<T> items;
  private final Function<T, ? extends JsonNode> json;
  private ObjectNode head = Json.object();
  private String none = "nothing to list";
  private String heading;
  private Function<T, String> line;

  private Listing(String key, List<T> items, Function<T, ? extends JsonNode> json) {
    this.key = key;
    this.items = items;
    this.json = json;
  }

  /** {@code items}, each shown in JSON as {@code json} makes it, under {@code key}. */
  static <T> Listing<T> of(String key, List<T> items, Function<T, ? extends JsonNode> json) {
    return new Listing<>(key, items, json);
  }

  /** Fields the JSON object holds before the items (such as the model a history is of). */
  Listing<T> head(ObjectNode fields) {
    head = fields;
    return this;
  }

  /**
   * The stderr line when nothing is listed: {@code what}, plus {@code match} when filters were given
   * (so "no runs" says the store is empty and "no runs match" says the filters left nothing).
   */
  Listing<T> none(String what, boolean filtered) {
    none = what + (filtered ? " match" : "");
    return this;
  }

  /** As {@link #none(String, boolean)}, with more said after it (where the user looked, what to do). */
  Listing<T> none(String what, boolean filtered, String more) {
    none = what + (filtered ? " match" : "") + more;
    return this;
  }

  /** A table: {@code format} (printf, without the line end) applied to the headings and each item's cells. */
  Listing<T> table(String format, String[] headings, Function<T, Object[]> cells) {
    heading = String.format(Locale.ROOT, format, (Object[]) headings);
    line = t -> String.format(Locale.ROOT, format, cells.apply(t));
    return this;
  }

  /** One line per item, without a heading. */
  Listing<T> lines(Function<T, String> text) {
    heading = null;
    line = text;
    return this;
  }

  /** Prints the listing in {@code format} and returns {@link ExitCode#OK}: an empty list is no error. */
  int print(CliContext ctx, FormatOption format) {
    if (format.json()) {
      ObjectNode node = head.deepCopy();
      ArrayNode a = node.putArray(key);
      items.forEach(t -> a.add(json.apply(t)));
      RunViews.printJson(ctx.out(), node);
    } else if (items.isEmpty()) {
      ctx.err().println(none);
    } else {
      if (heading != null) {
        ctx.out().println(heading);
      }
      items.forEach(t -> ctx.out().println(line.apply(t)));
    }
    return ExitCode.OK;
  }
}
