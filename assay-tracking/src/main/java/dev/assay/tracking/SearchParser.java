package dev.assay.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses MLflow's search filters and order-by clauses into {@link Search} values.
 *
 * <p>The filter language is MLflow's subset of SQL: comparisons joined by {@code AND}, each
 * {@code entity.key OP value}. Entities: {@code metrics.}, {@code params.}, {@code tags.},
 * {@code attributes.} (or a bare attribute name); a key with special characters is quoted with
 * double quotes or backticks. Values: numbers, strings in single or double quotes, and for
 * {@code IN}/{@code NOT IN} a parenthesised list of strings. Anything else ({@code OR}, an unknown
 * attribute, a string compared with {@code <}, ...) is refused with INVALID_PARAMETER_VALUE naming
 * the filter; nothing is evaluated.
 */
public final class SearchParser {
  private static final Set<Search.Op> NUMERIC = Set.of(Search.Op.EQ, Search.Op.NE, Search.Op.LT, Search.Op.LE,
      Search.Op.GT, Search.Op.GE);
  private static final Set<Search.Op> TEXT = Set.of(Search.Op.EQ, Search.Op.NE, Search.Op.LIKE, Search.Op.ILIKE);
  private static final Set<Search.Op> TEXT_OR_LIST = Set.of(Search.Op.EQ, Search.Op.NE, Search.Op.LIKE,
      Search.Op.ILIKE, Search.Op.IN, Search.Op.NOT_IN);

  /** What is searched: which entities and attributes exist, and which attributes are numbers. */
  private record Target(String noun, Set<Search.Entity> entities, Map<String, Boolean> attributes) {}

  private static final Target RUNS = new Target("runs",
      Set.of(Search.Entity.METRIC, Search.Entity.PARAM, Search.Entity.TAG, Search.Entity.ATTRIBUTE),
      Map.of("run_id", false, "run_name", false, "status", false, "user_id", false, "artifact_uri", false,
          "start_time", true, "end_time", true));
  private static final Target EXPERIMENTS = new Target("experiments",
      Set.of(Search.Entity.TAG, Search.Entity.ATTRIBUTE),
      Map.of("experiment_id", false, "name", false, "creation_time", true, "last_update_time", true));

  private final String text;
  private final Target target;
  private int pos;

  private SearchParser(String text, Target target) {
    this.text = text;
    this.target = target;
  }

  /** The clauses of a runs/search filter; empty for a null or blank filter. */
  public static List<Search.Clause> runFilter(String filter) {
    return new SearchParser(filter == null ? "" : filter, RUNS).filter();
  }

  /** The clauses of an experiments/search filter; empty for a null or blank filter. */
  public static List<Search.Clause> experimentFilter(String filter) {
    return new SearchParser(filter == null ? "" : filter, EXPERIMENTS).filter();
  }

  /** One runs/search order_by entry, e.g. {@code metrics.rmse DESC}. */
  public static Search.OrderBy runOrder(String orderBy) {
    return new SearchParser(orderBy, RUNS).orderBy();
  }

  /** One experiments/search order_by entry, e.g. {@code name ASC}. */
  public static Search.OrderBy experimentOrder(String orderBy) {
    return new SearchParser(orderBy, EXPERIMENTS).orderBy();
  }

  private List<Search.Clause> filter() {
    List<Search.Clause> clauses = new ArrayList<>();
    skipSpace();
    if (pos == text.length()) {
      return clauses;
    }
    clauses.add(clause());
    while (true) {
      skipSpace();
      if (pos == text.length()) {
        return clauses;
      }
      String word = word();
      if (!word.equalsIgnoreCase("AND")) {
        throw error(word.equalsIgnoreCase("OR") ? "OR is not supported; join comparisons with AND"
            : "expected AND at position " + pos);
      }
      clauses.add(clause());
    }
  }

  private Search.OrderBy orderBy() {
    skipSpace();
    Name name = name();
    boolean ascending = true;
    skipSpace();
    if (pos < text.length()) {
      String direction = word();
      if (direction.equalsIgnoreCase("DESC")) {
        ascending = false;
      } else if (!direction.equalsIgnoreCase("ASC")) {
        throw error("expected ASC or DESC after the column, got '" + direction + "'");
      }
      skipSpace();
      if (pos < text.length()) {
        throw error("unexpected text after the direction");
      }
    }
    return new Search.OrderBy(name.entity, name.key, ascending);
  }

  private Search.Clause clause() {
    skipSpace();
    Name name = name();
    Search.Op op = operator();
    Object value = value(op);
    boolean numeric = name.entity == Search.Entity.METRIC
        || name.entity == Search.Entity.ATTRIBUTE && target.attributes.get(name.key);
    Set<Search.Op> allowed = numeric ? NUMERIC : name.entity == Search.Entity.ATTRIBUTE ? TEXT_OR_LIST : TEXT;
    if (!allowed.contains(op)) {
      throw error("operator " + op.sql() + " cannot compare " + describe(name) + "; use one of "
          + allowed.stream().map(Search.Op::sql).sorted().toList());
    }
    if (numeric != (value instanceof Double)) {
      throw error(describe(name) + " is compared with " + (numeric ? "a number" : "a quoted string") + ", not "
          + (value instanceof Double ? "a number" : "a string"));
    }
    return new Search.Clause(name.entity, name.key, op, value);
  }

  private record Name(Search.Entity entity, String key) {}

  private Name name() {
    skipSpace();
    String first = identifier();
    Search.Entity entity = null;
    String key;
    if (pos < text.length() && text.charAt(pos) == '.' && isPlainWord(first)) {
      entity = switch (first.toLowerCase(Locale.ROOT)) {
        case "metrics", "metric" -> Search.Entity.METRIC;
        case "params", "param", "parameters", "parameter" -> Search.Entity.PARAM;
        case "tags", "tag" -> Search.Entity.TAG;
        case "attributes", "attribute", "attr", "run" -> Search.Entity.ATTRIBUTE;
        default -> throw error("unknown entity '" + first + "'; expected metrics., params., tags. or attributes.");
      };
      pos++;
      key = identifier();
    } else {
      entity = Search.Entity.ATTRIBUTE;
      key = first;
    }
    if (!target.entities.contains(entity)) {
      throw error(target.noun + " have no " + entity.name().toLowerCase(Locale.ROOT) + "s to search");
    }
    if (entity == Search.Entity.ATTRIBUTE) {
      key = key.toLowerCase(Locale.ROOT);
      if (!target.attributes.containsKey(key)) {
        throw error("invalid attribute key '" + key + "'; valid keys are "
            + target.attributes.keySet().stream().sorted().toList());
      }
    }
    return new Name(entity, key);
  }

  private String identifier() {
    if (pos >= text.length()) {
      throw error("expected a name at the end of the text");
    }
    char c = text.charAt(pos);
    if (c == '"' || c == '`') {
      return quoted(c);
    }
    int start = pos;
    while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_'
        || text.charAt(pos) == '.' && start != pos && !isEntityPrefix(text.substring(start, pos)))) {
      pos++;
    }
    if (start == pos) {
      throw error("expected a name at position " + start);
    }
    return text.substring(start, pos);
  }

  private static boolean isEntityPrefix(String word) {
    return Set.of("metrics", "metric", "params", "param", "parameters", "parameter", "tags", "tag", "attributes",
        "attribute", "attr", "run").contains(word.toLowerCase(Locale.ROOT));
  }

  private static boolean isPlainWord(String s) {
    return s.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_');
  }

  private Search.Op operator() {
    skipSpace();
    for (String symbol : List.of("!=", "<>", "<=", ">=", "=", "<", ">")) {
      if (text.startsWith(symbol, pos)) {
        pos += symbol.length();
        return switch (symbol) {
          case "!=", "<>" -> Search.Op.NE;
          case "<=" -> Search.Op.LE;
          case ">=" -> Search.Op.GE;
          case "=" -> Search.Op.EQ;
          case "<" -> Search.Op.LT;
          default -> Search.Op.GT;
        };
      }
    }
    String word = word();
    return switch (word.toUpperCase(Locale.ROOT)) {
      case "LIKE" -> Search.Op.LIKE;
      case "ILIKE" -> Search.Op.ILIKE;
      case "IN" -> Search.Op.IN;
      case "NOT" -> {
        skipSpace();
        if (!word().equalsIgnoreCase("IN")) {
          throw error("expected IN after NOT");
        }
        yield Search.Op.NOT_IN;
      }
      default -> throw error("unknown operator '" + word + "'; expected =, !=, <, <=, >, >=, LIKE, ILIKE, IN");
    };
  }

  private Object value(Search.Op op) {
    skipSpace();
    if (pos >= text.length()) {
      throw error("expected a value at the end of the text");
    }
    if (op == Search.Op.IN || op == Search.Op.NOT_IN) {
      if (text.charAt(pos) != '(') {
        throw error("expected a parenthesised list after " + op.sql());
      }
      pos++;
      List<String> values = new ArrayList<>();
      while (true) {
        skipSpace();
        char c = pos < text.length() ? text.charAt(pos) : 0;
        if (c != '\'' && c != '"') {
          throw error("expected a quoted string in the list");
        }
        values.add(quoted(c));
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == ',') {
          pos++;
        } else if (pos < text.length() && text.charAt(pos) == ')') {
          pos++;
          return values;
        } else {
          throw error("expected , or ) in the list");
        }
      }
    }
    char c = text.charAt(pos);
    if (c == '\'' || c == '"') {
      return quoted(c);
    }
    int start = pos;
    while (pos < text.length() && "+-.0123456789eE".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
    try {
      double d = Double.parseDouble(text.substring(start, pos));
      if (start == pos || !Double.isFinite(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw error("expected a number or a quoted string at position " + start);
    }
  }

  private String quoted(char quote) {
    int start = ++pos;
    StringBuilder sb = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == quote) {
        if (pos < text.length() && text.charAt(pos) == quote) {
          sb.append(quote); // a doubled quote stands for itself
          pos++;
          continue;
        }
        return sb.toString();
      }
      sb.append(c);
    }
    throw error("unterminated " + quote + " quote starting at position " + (start - 1));
  }

  private String word() {
    int start = pos;
    while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
      pos++;
    }
    if (start == pos) {
      throw error(pos == text.length() ? "unexpected end of the text"
          : "unexpected character '" + text.charAt(pos) + "' at position " + pos);
    }
    return text.substring(start, pos);
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private static String describe(Name name) {
    return name.entity.name().toLowerCase(Locale.ROOT) + " '" + name.key + "'";
  }

  private MlflowException error(String problem) {
    return MlflowException.invalid("Invalid search expression '" + text + "': " + problem);
  }
}
