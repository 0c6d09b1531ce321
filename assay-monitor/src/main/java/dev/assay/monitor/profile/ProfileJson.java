package dev.assay.monitor.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.assay.core.InputException;
import dev.assay.core.Json;
import dev.assay.core.io.InputFiles;
import dev.assay.core.text.JsonProblem;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A profile as versioned JSON ({@code "format": "assay-monitor-profile", "version": 1}). Arrays of
 * numbers that grow with the options (samples, embeddings, the sketch) are base64 of little-endian
 * IEEE floats, which keeps a 1,000-column profile in the low megabytes; everything a person may
 * want to read (moments, quantiles, bins, label counts) is plain JSON.
 *
 * <p>Reading checks every field and names the one that is wrong: a profile is user input.
 */
public final class ProfileJson {
  public static final String FORMAT = "assay-monitor-profile";
  /** The largest profile file read (a 1,000-column profile with defaults is about 25 MB). */
  public static final long MAX_BYTES = 512L << 20;

  private ProfileJson() {}

  public static ObjectNode toJson(Profile p) {
    ObjectNode o = Json.object();
    o.put("format", FORMAT);
    o.put("version", p.version());
    o.put("source", p.source());
    o.put("rows", p.rows());
    o.put("seed", p.seed());
    o.put("sample_size", p.sampleSize());
    if (p.window() != null) {
      o.put("window", p.window());
    }
    ArrayNode cols = o.putArray("columns");
    for (ColumnProfile c : p.columns()) {
      ObjectNode j = cols.addObject();
      j.put("name", c.name());
      j.put("type", c.type().word());
      j.put("count", c.count());
      j.put("missing", c.missing());
      j.put("invalid", c.invalid());
      if (c instanceof NumericProfile n) {
        putNumber(j, "mean", n.mean());
        putNumber(j, "std", n.std());
        putNumber(j, "min", n.min());
        putNumber(j, "max", n.max());
        if (n.quantiles() != null) {
          ObjectNode q = j.putObject("quantiles");
          for (int i = 0; i < n.quantiles().length; i++) {
            q.put(Double.toString(NumericProfile.QUANTILE_LEVELS[i]), n.quantiles()[i]);
          }
        }
        ArrayNode e = j.putArray("edges");
        for (double v : n.edges()) {
          e.add(v);
        }
        ArrayNode b = j.putArray("bins");
        for (long v : n.bins()) {
          b.add(v);
        }
        j.put("sample", doubles(n.sample()));
        if (n.sketch() != null) {
          j.put("kll", Base64.getEncoder().encodeToString(n.sketch()));
        }
      } else if (c instanceof CategoricalProfile k) {
        ObjectNode cats = j.putObject("categories");
        k.categories().forEach(cats::put);
        j.put("other", k.other());
        j.put("distinct", k.distinct());
        if (!k.unseen().isEmpty()) {
          ObjectNode u = j.putObject("unseen");
          k.unseen().forEach(u::put);
        }
      } else if (c instanceof TextProfile t) {
        putNumber(j, "length_mean", t.lengthMean());
        putNumber(j, "length_std", t.lengthStd());
        j.put("model", t.model());
        j.put("dimension", t.centroid().length);
        j.put("embeddings", floats(t.embeddings()));
        ArrayNode cen = j.putArray("centroid");
        for (double v : t.centroid()) {
          cen.add(v);
        }
      }
    }
    return o;
  }

  public static String write(Profile p) {
    try {
      return Json.MAPPER.writeValueAsString(toJson(p)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads a profile file, naming the field at fault in any error. */
  public static Profile read(Path file, String name) {
    String text = InputFiles.readText(file, name, "a monitoring profile", MAX_BYTES);
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InputException(name, 0, null, JsonProblem.of(e), "a profile written by 'assay monitor profile'");
    }
    return fromJson(root, name);
  }

  static Profile fromJson(JsonNode root, String name) {
    Reader r = new Reader(name);
    if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
      throw new InputException(name, 0, "format", "not a monitoring profile",
          "a JSON file with \"format\": \"" + FORMAT + "\", written by 'assay monitor profile'");
    }
    int version = (int) r.integer(root, "version");
    if (version != Profile.FORMAT_VERSION) {
      throw new InputException(name, 0, "version", "profile format version " + version + " is not supported",
          "version " + Profile.FORMAT_VERSION);
    }
    JsonNode cols = root.get("columns");
    if (cols == null || !cols.isArray()) {
      throw new InputException(name, 0, "columns", "missing or not an array", "an array of column summaries");
    }
    List<ColumnProfile> columns = new java.util.ArrayList<>();
    for (int i = 0; i < cols.size(); i++) {
      JsonNode c = cols.get(i);
      String at = "columns[" + i + "]";
      String col = r.text(c, at, "name");
      ColumnType type = ColumnType.of(r.text(c, at, "type"));
      if (type == null) {
        throw new InputException(name, 0, at + ".type", "unknown column type", "numeric, categorical or text");
      }
      long count = r.integer(c, at + ".count");
      long missing = r.integer(c, at + ".missing");
      long invalid = r.integer(c, at + ".invalid");
      switch (type) {
        case NUMERIC -> {
          double[] edges = r.doubleArray(c, at + ".edges");
          long[] bins = r.longArray(c, at + ".bins");
          if (bins.length != edges.length + 1) {
            throw new InputException(name, 0, at + ".bins", bins.length + " bins for " + edges.length + " edges",
                "one more bin than edges");
          }
          double[] quantiles = null;
          if (c.has("quantiles")) {
            quantiles = new double[NumericProfile.QUANTILE_LEVELS.length];
            for (int q = 0; q < quantiles.length; q++) {
              quantiles[q] = r.number(c.get("quantiles"), at + ".quantiles."
                  + NumericProfile.QUANTILE_LEVELS[q], Double.toString(NumericProfile.QUANTILE_LEVELS[q]));
            }
          }
          byte[] sketch = c.has("kll") ? r.base64(c, at + ".kll", "kll") : null;
          columns.add(new NumericProfile(col, count, missing, invalid, r.optionalNumber(c, "mean"),
              r.optionalNumber(c, "std"), r.optionalNumber(c, "min"), r.optionalNumber(c, "max"), quantiles, sketch,
              toDoubles(r.base64(c, at + ".sample", "sample"), name, at + ".sample"), edges, bins));
        }
        case CATEGORICAL -> columns.add(new CategoricalProfile(col, count, missing, invalid,
            r.counts(c.get("categories"), at + ".categories"), r.integer(c, at + ".other"),
            r.integer(c, at + ".distinct"), c.has("unseen") ? r.counts(c.get("unseen"), at + ".unseen") : Map.of()));
        case TEXT -> {
          int dim = (int) r.integer(c, at + ".dimension");
          double[] centroid = r.doubleArray(c, at + ".centroid");
          float[][] emb = toFloats(r.base64(c, at + ".embeddings", "embeddings"), dim, name, at + ".embeddings");
          columns.add(new TextProfile(col, count, missing, invalid, r.optionalNumber(c, "length_mean"),
              r.optionalNumber(c, "length_std"), r.text(c, at, "model"), emb, centroid));
        }
        default -> throw new IllegalStateException();
      }
    }
    return new Profile(version, root.path("source").asText(""), r.integer(root, "rows"), r.integer(root, "seed"),
        (int) r.integer(root, "sample_size"), root.hasNonNull("window") ? root.get("window").asText() : null,
        columns);
  }

  private static void putNumber(ObjectNode o, String key, double v) {
    if (Double.isNaN(v)) {
      o.putNull(key);
    } else {
      o.put(key, v);
    }
  }

  static String doubles(double[] v) {
    ByteBuffer b = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (double d : v) {
      b.putDouble(d);
    }
    return Base64.getEncoder().encodeToString(b.array());
  }

  static String floats(float[][] rows) {
    int dim = rows.length == 0 ? 0 : rows[0].length;
    ByteBuffer b = ByteBuffer.allocate(rows.length * dim * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float[] r : rows) {
      for (float f : r) {
        b.putFloat(f);
      }
    }
    return Base64.getEncoder().encodeToString(b.array());
  }

  private static double[] toDoubles(byte[] bytes, String name, String field) {
    if (bytes.length % 8 != 0) {
      throw new InputException(name, 0, field, "not a whole number of 8-byte values", "base64 of float64 values");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    double[] out = new double[bytes.length / 8];
    for (int i = 0; i < out.length; i++) {
      out[i] = b.getDouble();
      if (!Double.isFinite(out[i])) {
        throw new InputException(name, 0, field, "holds a value that is not a finite number", "finite numbers");
      }
    }
    for (int i = 1; i < out.length; i++) {
      if (out[i] < out[i - 1]) {
        throw new InputException(name, 0, field, "is not sorted", "a sorted sample");
      }
    }
    return out;
  }

  private static float[][] toFloats(byte[] bytes, int dim, String name, String field) {
    if (dim <= 0 && bytes.length > 0 || dim > 0 && bytes.length % (4 * dim) != 0) {
      throw new InputException(name, 0, field, "does not hold whole vectors of the stated dimension",
          "base64 of float32 vectors");
    }
    int rows = dim == 0 ? 0 : bytes.length / (4 * dim);
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    float[][] out = new float[rows][dim];
    for (float[] row : out) {
      for (int i = 0; i < dim; i++) {
        row[i] = b.getFloat();
      }
    }
    return out;
  }

  /** Field readers that name the field at fault. */
  private record Reader(String file) {
    String text(JsonNode o, String at, String key) {
      JsonNode v = o == null ? null : o.get(key);
      if (v == null || !v.isTextual()) {
        throw new InputException(file, 0, at + "." + key, "missing or not a string", "a string");
      }
      return v.textValue();
    }

    long integer(JsonNode o, String path) {
      String key = path.substring(path.lastIndexOf('.') + 1);
      JsonNode v = o == null ? null : o.get(key);
      if (v == null || !v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < 0) {
        throw new InputException(file, 0, path, "missing or not a whole number >= 0", "a count");
      }
      return v.asLong();
    }

    double number(JsonNode o, String path, String key) {
      JsonNode v = o == null ? null : o.get(key);
      if (v == null || !v.isNumber()) {
        throw new InputException(file, 0, path, "missing or not a number", "a number");
      }
      return v.asDouble();
    }

    double optionalNumber(JsonNode o, String key) {
      JsonNode v = o.get(key);
      return v == null || !v.isNumber() ? Double.NaN : v.asDouble();
    }

    double[] doubleArray(JsonNode o, String path) {
      String key = path.substring(path.lastIndexOf('.') + 1);
      JsonNode v = o.get(key);
      if (v == null || !v.isArray()) {
        throw new InputException(file, 0, path, "missing or not an array", "an array of numbers");
      }
      double[] out = new double[v.size()];
      for (int i = 0; i < out.length; i++) {
        if (!v.get(i).isNumber()) {
          throw new InputException(file, 0, path + "[" + i + "]", "not a number", "a number");
        }
        out[i] = v.get(i).asDouble();
      }
      return out;
    }

    long[] longArray(JsonNode o, String path) {
      String key = path.substring(path.lastIndexOf('.') + 1);
      JsonNode v = o.get(key);
      if (v == null || !v.isArray()) {
        throw new InputException(file, 0, path, "missing or not an array", "an array of counts");
      }
      long[] out = new long[v.size()];
      for (int i = 0; i < out.length; i++) {
        if (!v.get(i).isIntegralNumber() || v.get(i).asLong() < 0) {
          throw new InputException(file, 0, path + "[" + i + "]", "not a count", "a whole number >= 0");
        }
        out[i] = v.get(i).asLong();
      }
      return out;
    }

    byte[] base64(JsonNode o, String path, String key) {
      JsonNode v = o.get(key);
      if (v == null || !v.isTextual()) {
        throw new InputException(file, 0, path, "missing or not a string", "base64 text");
      }
      try {
        return Base64.getDecoder().decode(v.textValue());
      } catch (IllegalArgumentException e) {
        throw new InputException(file, 0, path, "not valid base64", "base64 text");
      }
    }

    Map<String, Long> counts(JsonNode o, String path) {
      if (o == null || !o.isObject()) {
        throw new InputException(file, 0, path, "missing or not an object", "an object of label counts");
      }
      Map<String, Long> out = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = o.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().isIntegralNumber() || e.getValue().asLong() < 0) {
          throw new InputException(file, 0, path + "." + e.getKey(), "not a count", "a whole number >= 0");
        }
        out.put(e.getKey(), e.getValue().asLong());
      }
      return out;
    }
  }
}
