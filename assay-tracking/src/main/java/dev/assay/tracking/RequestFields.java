package dev.assay.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fields of one MLflow request, from a JSON body (POST) or a query string (GET), read with the
 * rules of protobuf's JSON mapping that MLflow clients rely on: 64-bit integers as numbers or
 * decimal strings (the Java client sends strings), doubles as numbers or "NaN"/"Infinity"/
 * "-Infinity", enums by name or number, JSON null meaning absent, unknown fields ignored.
 *
 * <p>A field of the wrong type is refused with INVALID_PARAMETER_VALUE naming the field; nothing
 * is coerced silently (a number is not a string).
 */
public final class RequestFields {
  private final ObjectNode json;
  private final Map<String, List<String>> query;

  private RequestFields(ObjectNode json, Map<String, List<String>> query) {
    this.json = json;
    this.query = query;
  }

  /** The fields of a JSON request body. */
  public static RequestFields of(ObjectNode body) {
    return new RequestFields(body, null);
  }

  /** The fields of a query string: each name to its values in order. */
  public static RequestFields ofQuery(Map<String, List<String>> query) {
    return new RequestFields(null, Map.copyOf(query));
  }

  /** Whether the field is present (and not JSON null). */
  public boolean has(String name) {
    return json != null ? json.hasNonNull(name) : query.containsKey(name) && !query.get(name).isEmpty();
  }

  public String string(String name) {
    if (json == null) {
      return has(name) ? query.get(name).get(0) : null;
    }
    JsonNode v = json.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw wrongType(name, v, "a string");
    }
    return v.textValue();
  }

  public String requiredString(String name) {
    String v = string(name);
    if (v == null) {
      throw missing(name);
    }
    return v;
  }

  /** A 64-bit integer, or null when absent. */
  public Long int64(String name) {
    String text;
    if (json == null) {
      text = string(name);
    } else {
      JsonNode v = json.get(name);
      if (v == null || v.isNull()) {
        return null;
      }
      if (v.isIntegralNumber() && v.canConvertToLong()) {
        return v.longValue();
      }
      if (!v.isTextual()) {
        throw wrongType(name, v, "an integer");
      }
      text = v.textValue();
    }
    if (text == null) {
      return null;
    }
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw MlflowException.invalid("Invalid value '" + text + "' for parameter '" + name
          + "' supplied: expected an integer");
    }
  }

  public long requiredInt64(String name) {
    Long v = int64(name);
    if (v == null) {
      throw missing(name);
    }
    return v;
  }

  /** A 32-bit integer, or null when absent. */
  public Integer int32(String name) {
    Long v = int64(name);
    if (v != null && (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)) {
      throw MlflowException.invalid("Invalid value " + v + " for parameter '" + name
          + "' supplied: expected a 32-bit integer");
    }
    return v == null ? null : v.intValue();
  }

  /** A double, or null when absent. */
  public Double dbl(String name) {
    String text;
    if (json == null) {
      text = string(name);
    } else {
      JsonNode v = json.get(name);
      if (v == null || v.isNull()) {
        return null;
      }
      if (v.isNumber()) {
        return v.doubleValue();
      }
      if (!v.isTextual()) {
        throw wrongType(name, v, "a number");
      }
      text = v.textValue();
    }
    if (text == null) {
      return null;
    }
    switch (text) {
      case "NaN":
        return Double.NaN;
      case "Infinity":
        return Double.POSITIVE_INFINITY;
      case "-Infinity":
        return Double.NEGATIVE_INFINITY;
      default:
        try {
          return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
          throw MlflowException.invalid("Invalid value '" + text + "' for parameter '" + name
              + "' supplied: expected a number");
        }
    }
  }

  public double requiredDouble(String name) {
    Double v = dbl(name);
    if (v == null) {
      throw missing(name);
    }
    return v;
  }

  /** An enum given by name or protobuf number, or null when absent. */
  public <E extends Enum<E>> E enumValue(String name, Class<E> type, java.util.function.ToIntFunction<E> number) {
    String text;
    if (json != null && json.hasNonNull(name) && json.get(name).isIntegralNumber()) {
      text = json.get(name).asText();
    } else {
      text = string(name);
    }
    if (text == null) {
      return null;
    }
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(text) || Integer.toString(number.applyAsInt(e)).equals(text)) {
        return e;
      }
    }
    List<String> names = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      names.add(e.name());
    }
    throw MlflowException.invalid("Invalid value '" + text + "' for parameter '" + name + "' supplied: expected one of "
        + names);
  }

  /** A repeated string field: a JSON array of strings, or every value of a query parameter. */
  public List<String> strings(String name) {
    if (json == null) {
      return has(name) ? List.copyOf(query.get(name)) : List.of();
    }
    JsonNode v = json.get(name);
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      throw wrongType(name, v, "a list of strings");
    }
    List<String> out = new ArrayList<>(v.size());
    for (JsonNode item : v) {
      if (!item.isTextual()) {
        throw wrongType(name, item, "a list of strings");
      }
      out.add(item.textValue());
    }
    return out;
  }

  /** A repeated message field (JSON bodies only): each element's fields. */
  public List<RequestFields> messages(String name) {
    if (json == null) {
      if (has(name)) {
        throw MlflowException.invalid("Parameter '" + name + "' cannot be given in a query string");
      }
      return List.of();
    }
    JsonNode v = json.get(name);
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      throw wrongType(name, v, "a list of objects");
    }
    List<RequestFields> out = new ArrayList<>(v.size());
    for (JsonNode item : v) {
      if (!item.isObject()) {
        throw wrongType(name, item, "a list of objects");
      }
      out.add(new RequestFields((ObjectNode) item, null));
    }
    return out;
  }

  /** The run id of a request: {@code run_id}, else the deprecated {@code run_uuid}; required. */
  public String runId() {
    String id = string("run_id");
    if (id == null || id.isEmpty()) {
      id = string("run_uuid");
    }
    if (id == null || id.isEmpty()) {
      throw missing("run_id");
    }
    return id;
  }

  static MlflowException missing(String name) {
    return MlflowException.invalid("Missing value for required parameter '" + name
        + "'. See the API docs for more information about request parameters.");
  }

  private static MlflowException wrongType(String name, JsonNode value, String expected) {
    String shown = value.toString();
    if (shown.length() > 100) {
      shown = shown.substring(0, 100) + "...";
    }
    return MlflowException.invalid("Invalid value " + shown + " for parameter '" + name + "' supplied: expected "
        + expected);
  }
}
