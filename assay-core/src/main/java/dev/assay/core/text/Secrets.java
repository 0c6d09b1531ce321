package dev.assay.core.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The secret values of a system (an API key, a password, header values read from the environment)
 * and the one way assay hides them: text that a system, a server or a model produced passes
 * through {@link #redact(String)} before it is stored, cached or printed.
 *
 * <p>What is hidden is every registered value in every form it takes on its way back to us:
 *
 * <ul>
 *   <li><b>Targets.</b> The value itself; for a header value {@code Bearer T} or {@code Basic T}
 *       also the token {@code T}, and for {@code Basic T} the {@code user:password} it decodes to
 *       and the password; for a {@code user:password} pair ({@link #withCredentials}, or a value
 *       holding a colon) its base64, as HTTP Basic authentication sends it (standard and URL-safe
 *       alphabets, padded or not).
 *   <li><b>Transport encodings</b>, undone before matching, in any mix and nested up to {@value
 *       #MAX_DEPTH} deep: JSON string escapes ({@code \"}, {@code \\}, {@code \/}, {@code \n},
 *       {@code \u0022}, either case of hex), URL percent-encoding of the UTF-8 bytes (either case
 *       of hex) and {@code +} for a space. So a key with a quote or a backslash that a server
 *       echoes inside JSON, that JSON quoted again in a log line, or the key in a query string,
 *       are all found.
 * </ul>
 *
 * <p>A match in a decoded view of the text replaces, in the text itself, the whole span that
 * decodes to it, with {@value #MARK}. Values shorter than {@value #MIN_LENGTH} characters are not
 * registered: hiding them would mangle ordinary text, and such short strings are not real
 * credentials. {@link #toString()} shows no value. Immutable and thread-safe.
 */
public final class Secrets {
  /** What replaces a secret. */
  public static final String MARK = "***";
  /** The shortest value registered. */
  public static final int MIN_LENGTH = 4;
  /** How many encodings deep a secret is looked for (JSON inside JSON inside a URL...). */
  static final int MAX_DEPTH = 3;
  public static final Secrets NONE = new Secrets(List.of());

  /** A URL: its scheme, then everything up to a space, a quote or an angle bracket. */
  private static final Pattern URL = Pattern.compile("\\b([A-Za-z][A-Za-z0-9+.-]*://)([^\\s\"'<>]*)");
  private static final Pattern SECRET_PARAMETER = Pattern.compile(
      "(?i).*(key|token|secret|pass|pwd|auth|credential|signature|session).*|sig|code");
  private static final Pattern NEXT_PARAMETER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=");

  /** Every form to look for, longest first. */
  private final List<String> targets;

  private Secrets(List<String> targets) {
    this.targets = targets;
  }

  /**
   * These secrets plus {@code value} and the forms derived from it (ignored when null or shorter
   * than {@value #MIN_LENGTH}).
   */
  public Secrets with(String value) {
    if (value == null || value.length() < MIN_LENGTH) {
      return this;
    }
    Set<String> add = new LinkedHashSet<>();
    add.add(value);
    String[] scheme = value.strip().split("\\s+", 2);
    if (scheme.length == 2) {
      String kind = scheme[0].toLowerCase(Locale.ROOT);
      if (kind.equals("bearer") || kind.equals("token")) {
        add.add(scheme[1]);
      } else if (kind.equals("basic")) {
        add.add(scheme[1]);
        String decoded = base64Text(scheme[1]);
        if (decoded != null && decoded.indexOf(':') >= 0) {
          addCredentials(add, decoded.substring(0, decoded.indexOf(':')), decoded.substring(decoded.indexOf(':') + 1));
        }
      }
    }
    if (value.indexOf(':') >= 0) {
      addBase64(add, value);
    }
    return plus(add);
  }

  /**
   * These secrets plus a {@code user:password} pair (URL user info, HTTP Basic authentication):
   * the password, the pair, and the pair's base64. The user name alone is not secret.
   */
  public Secrets withCredentials(String user, String password) {
    if (password == null || password.isEmpty()) {
      return this;
    }
    Set<String> add = new LinkedHashSet<>();
    addCredentials(add, user == null ? "" : user, password);
    return plus(add);
  }

  private static void addCredentials(Set<String> add, String user, String password) {
    add.add(password);
    add.add(user + ":" + password);
    addBase64(add, user + ":" + password);
  }

  private static void addBase64(Set<String> add, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    add.add(Base64.getEncoder().encodeToString(bytes));
    add.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
    add.add(Base64.getUrlEncoder().encodeToString(bytes));
    add.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  /** The UTF-8 text a base64 token decodes to, or null when it is not base64 of text. */
  private static String base64Text(String token) {
    try {
      byte[] bytes = token.indexOf('-') >= 0 || token.indexOf('_') >= 0 ? Base64.getUrlDecoder().decode(token)
          : Base64.getDecoder().decode(token);
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (IllegalArgumentException | CharacterCodingException e) {
      return null;
    }
  }

  /**
   * These secrets plus the credentials a URL carries: its user info ({@link #withCredentials}) and
   * the value of every query parameter with a secret-looking name ({@link #secretParameter}), each
   * as written and percent-decoded. A URL without credentials adds nothing.
   */
  public Secrets withUrl(String url) {
    if (url == null) {
      return this;
    }
    Secrets out = this;
    Matcher m = URL.matcher(url);
    while (m.find()) {
      String rest = m.group(2);
      int authorityEnd = indexOfAny(rest, "/?#", 0);
      String authority = rest.substring(0, authorityEnd);
      int at = authority.lastIndexOf('@');
      if (at >= 0) {
        String info = authority.substring(0, at);
        int colon = info.indexOf(':');
        String user = colon < 0 ? "" : info.substring(0, colon);
        String password = colon < 0 ? info : info.substring(colon + 1);
        out = out.withCredentials(user, password).withCredentials(percentDecoded(user), percentDecoded(password));
      }
      for (String[] p : queryParameters(rest)) {
        if (secretParameter(p[0])) {
          out = out.with(p[1]).with(percentDecoded(p[1]));
        }
      }
    }
    return out;
  }

  /**
   * {@code text} with the credentials of every URL in it replaced by {@value #MARK}: user info
   * ({@code https://user:pass@host} becomes {@code https://***@host}) and the values of query
   * parameters with secret-looking names ({@code ?api_key=***}). What a run record, an export, a
   * report or a card shows of a URL; the adapter itself calls the URL as written. The same
   * instance when there is nothing to strip.
   */
  public static String stripUrlCredentials(String text) {
    if (text == null || text.indexOf("://") < 0) {
      return text;
    }
    Matcher m = URL.matcher(text);
    StringBuilder sb = null;
    int copied = 0;
    while (m.find()) {
      String rest = m.group(2);
      String stripped = strippedRest(rest);
      if (!stripped.equals(rest)) {
        sb = sb == null ? new StringBuilder(text.length()) : sb;
        sb.append(text, copied, m.start(2)).append(stripped);
        copied = m.end(2);
      }
    }
    return sb == null ? text : sb.append(text, copied, text.length()).toString();
  }

  /** Whether a URL in {@code text} had its credentials stripped ({@link #stripUrlCredentials}). */
  public static boolean hasStrippedUrlCredentials(String text) {
    if (text == null || text.indexOf("://") < 0 || !text.contains(MARK)) {
      return false;
    }
    Matcher m = URL.matcher(text);
    while (m.find()) {
      String rest = m.group(2);
      if (rest.startsWith(MARK + "@")) {
        return true;
      }
      for (String[] p : queryParameters(rest)) {
        if (p[1].equals(MARK) && secretParameter(p[0])) {
          return true;
        }
      }
    }
    return false;
  }

  /** {@code node} with {@link #stripUrlCredentials(String)} applied to every string; the same instance when unchanged. */
  public static JsonNode stripUrlCredentials(JsonNode node) {
    return map(node, Secrets::stripUrlCredentials);
  }

  /**
   * Whether a query parameter's name says its value is a credential: it contains {@code key},
   * {@code token}, {@code secret}, {@code pass}, {@code pwd}, {@code auth}, {@code credential},
   * {@code signature} or {@code session}, or is {@code sig} or {@code code} (case ignored).
   */
  public static boolean secretParameter(String name) {
    return SECRET_PARAMETER.matcher(percentDecoded(name)).matches();
  }

  /** Everything after {@code scheme://}: user info and secret parameter values replaced. */
  private static String strippedRest(String rest) {
    StringBuilder sb = new StringBuilder(rest.length());
    int authorityEnd = indexOfAny(rest, "/?#", 0);
    int at = rest.lastIndexOf('@', authorityEnd - 1);
    sb.append(at >= 0 ? MARK + rest.substring(at, authorityEnd) : rest.substring(0, authorityEnd));
    int query = rest.indexOf('?', authorityEnd);
    if (query < 0) {
      return sb.append(rest, authorityEnd, rest.length()).toString();
    }
    sb.append(rest, authorityEnd, query + 1);
    int i = query + 1;
    while (i < rest.length()) {
      int end = parameterEnd(rest, i);
      String parameter = rest.substring(i, end);
      int eq = parameter.indexOf('=');
      if (eq > 0 && secretParameter(parameter.substring(0, eq))) {
        sb.append(parameter, 0, eq + 1).append(MARK);
      } else {
        sb.append(parameter);
      }
      if (end < rest.length()) {
        sb.append(rest.charAt(end));
        if (rest.charAt(end) == '#') {
          return sb.append(rest, end + 1, rest.length()).toString();
        }
      }
      i = end + 1;
    }
    return sb.toString();
  }

  /** The {@code [name, value]} pairs of the query of {@code rest} (everything after {@code scheme://}). */
  private static List<String[]> queryParameters(String rest) {
    List<String[]> out = new ArrayList<>();
    int query = rest.indexOf('?', indexOfAny(rest, "/?#", 0));
    if (query < 0) {
      return out;
    }
    int i = query + 1;
    while (i < rest.length()) {
      int end = parameterEnd(rest, i);
      String parameter = rest.substring(i, end);
      int eq = parameter.indexOf('=');
      if (eq > 0) {
        out.add(new String[] {parameter.substring(0, eq), parameter.substring(eq + 1)});
      }
      if (end < rest.length() && rest.charAt(end) == '#') {
        break;
      }
      i = end + 1;
    }
    return out;
  }

  /**
   * Where the query parameter starting at {@code from} ends: at {@code &}, {@code ;}, {@code #}, or
   * a {@code :} that begins another {@code key=} (metric parameters ride on the name after a URL:
   * {@code judge:base_url=URL:model=M}).
   */
  private static int parameterEnd(String rest, int from) {
    for (int i = from; i < rest.length(); i++) {
      char c = rest.charAt(i);
      if (c == '&' || c == ';' || c == '#' || (c == ':' && NEXT_PARAMETER.matcher(rest).region(i + 1,
          rest.length()).lookingAt())) {
        return i;
      }
    }
    return rest.length();
  }

  private static int indexOfAny(String s, String chars, int from) {
    for (int i = from; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return s.length();
  }

  /** {@code text} with %XX escapes decoded as UTF-8 ({@code +} kept); malformed escapes kept. */
  private static String percentDecoded(String text) {
    View v = Decoding.PERCENT.decode(View.raw(text));
    return v == null ? text : v.text;
  }

  private static JsonNode map(JsonNode node, UnaryOperator<String> f) {
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      String s = node.textValue();
      String r = f.apply(s);
      return r == s ? node : TextNode.valueOf(r);
    }
    if (node.isArray()) {
      ArrayNode out = null;
      for (int i = 0; i < node.size(); i++) {
        JsonNode item = node.get(i);
        JsonNode r = map(item, f);
        if (r != item && out == null) {
          out = JsonNodeFactory.instance.arrayNode(node.size());
          for (int j = 0; j < i; j++) {
            out.add(node.get(j));
          }
        }
        if (out != null) {
          out.add(r);
        }
      }
      return out == null ? node : out;
    }
    if (node.isObject()) {
      boolean changed = false;
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String key = f.apply(e.getKey());
        JsonNode value = map(e.getValue(), f);
        changed |= key != e.getKey() || value != e.getValue();
        out.set(key, value);
      }
      return changed ? out : node;
    }
    return node;
  }

  private Secrets plus(Set<String> add) {
    Set<String> all = new LinkedHashSet<>(targets);
    for (String t : add) {
      if (t.length() >= MIN_LENGTH) {
        all.add(t);
      }
    }
    if (all.size() == targets.size()) {
      return this;
    }
    List<String> list = new ArrayList<>(all);
    list.sort(Comparator.comparingInt(String::length).reversed());
    return new Secrets(List.copyOf(list));
  }

  /** Whether no secret is registered (then {@link #redact} returns its argument). */
  public boolean isEmpty() {
    return targets.isEmpty();
  }

  /**
   * {@code text} with every secret, in every form described above, replaced by {@value #MARK};
   * the same instance when none occurs; null stays null.
   */
  public String redact(String text) {
    if (text == null || targets.isEmpty() || text.isEmpty()) {
      return text;
    }
    List<int[]> spans = new ArrayList<>();
    View raw = View.raw(text);
    find(raw, spans);
    if (mayBeEncoded(text)) {
      Set<String> seen = new HashSet<>();
      seen.add(text);
      List<View> frontier = List.of(raw);
      for (int depth = 0; depth < MAX_DEPTH && !frontier.isEmpty(); depth++) {
        List<View> next = new ArrayList<>();
        for (View v : frontier) {
          for (Decoding d : Decoding.values()) {
            View decoded = d.decode(v);
            if (decoded != null && seen.add(decoded.text)) {
              find(decoded, spans);
              next.add(decoded);
            }
          }
        }
        frontier = next;
      }
    }
    return spans.isEmpty() ? text : replace(text, spans);
  }

  /**
   * {@code node} with every string (and every field name) redacted; the same instance when no
   * secret occurs in it.
   */
  public JsonNode redact(JsonNode node) {
    return targets.isEmpty() ? node : map(node, this::redact);
  }

  private static boolean mayBeEncoded(String text) {
    return text.indexOf('\\') >= 0 || text.indexOf('%') >= 0 || text.indexOf('+') >= 0;
  }

  private void find(View view, List<int[]> spans) {
    for (String t : targets) {
      int at = view.text.indexOf(t);
      while (at >= 0) {
        spans.add(new int[] {view.start(at), view.end(at + t.length() - 1)});
        at = view.text.indexOf(t, at + 1);
      }
    }
  }

  private static String replace(String text, List<int[]> spans) {
    spans.sort(Comparator.comparingInt(s -> s[0]));
    StringBuilder sb = new StringBuilder(text.length());
    int copied = 0;
    int i = 0;
    while (i < spans.size()) {
      int from = spans.get(i)[0];
      int to = spans.get(i)[1];
      // Overlapping and touching matches become one mark.
      while (++i < spans.size() && spans.get(i)[0] <= to) {
        to = Math.max(to, spans.get(i)[1]);
      }
      sb.append(text, copied, from).append(MARK);
      copied = to;
    }
    return sb.append(text, copied, text.length()).toString();
  }

  @Override
  public String toString() {
    return "Secrets[" + targets.size() + " forms hidden]";
  }

  /**
   * A decoded form of the original text: character k came from original characters {@code
   * [start[k], end[k])}.
   */
  private static final class View {
    final String text;
    private final int[] start;
    private final int[] end;

    private View(String text, int[] start, int[] end) {
      this.text = text;
      this.start = start;
      this.end = end;
    }

    static View raw(String text) {
      return new View(text, null, null);
    }

    int start(int k) {
      return start == null ? k : start[k];
    }

    int end(int k) {
      return end == null ? k + 1 : end[k];
    }

    /** Builds a view decoded from this one, character by character. */
    final class Builder {
      private final StringBuilder sb = new StringBuilder(text.length());
      private final int[] s = new int[text.length()];
      private final int[] e = new int[text.length()];

      /** Appends {@code c}, which decodes this view's characters {@code [from, to)}. */
      void add(char c, int from, int to) {
        s[sb.length()] = start(from);
        e[sb.length()] = View.this.end(to - 1);
        sb.append(c);
      }

      View build() {
        return new View(sb.toString(), s, e);
      }
    }
  }

  /** The transport encodings undone before matching. */
  private enum Decoding {
    JSON {
      @Override
      View decode(View v) {
        String t = v.text;
        if (t.indexOf('\\') < 0) {
          return null;
        }
        View.Builder b = v.new Builder();
        boolean changed = false;
        int i = 0;
        while (i < t.length()) {
          char c = t.charAt(i);
          if (c == '\\' && i + 1 < t.length()) {
            char n = t.charAt(i + 1);
            int simple = "\"\\/bfnrt".indexOf(n);
            if (simple >= 0) {
              b.add("\"\\/\b\f\n\r\t".charAt(simple), i, i + 2);
              i += 2;
              changed = true;
              continue;
            }
            if (n == 'u' && i + 6 <= t.length() && isHex(t, i + 2, i + 6)) {
              b.add((char) Integer.parseInt(t.substring(i + 2, i + 6), 16), i, i + 6);
              i += 6;
              changed = true;
              continue;
            }
          }
          b.add(c, i, i + 1);
          i++;
        }
        return changed ? b.build() : null;
      }
    },
    PERCENT {
      @Override
      View decode(View v) {
        return percent(v, false);
      }
    },
    FORM {
      @Override
      View decode(View v) {
        return percent(v, true);
      }
    };

    /** The decoded view, or null when decoding changes nothing. */
    abstract View decode(View v);

    private static View percent(View v, boolean plusIsSpace) {
      String t = v.text;
      if (t.indexOf('%') < 0 && !(plusIsSpace && t.indexOf('+') >= 0)) {
        return null;
      }
      View.Builder b = v.new Builder();
      boolean changed = false;
      int i = 0;
      while (i < t.length()) {
        char c = t.charAt(i);
        if (c == '+' && plusIsSpace) {
          b.add(' ', i, i + 1);
          i++;
          changed = true;
          continue;
        }
        int consumed = c == '%' ? utf8Escape(t, i, b) : 0;
        if (consumed > 0) {
          i += consumed;
          changed = true;
        } else {
          b.add(c, i, i + 1);
          i++;
        }
      }
      return changed ? b.build() : null;
    }

    /**
     * Decodes the percent-escaped UTF-8 sequence of one code point at {@code at} into {@code b};
     * the characters consumed, or 0 when there is none (a lone {@code %}, a broken sequence).
     */
    private static int utf8Escape(String t, int at, View.Builder b) {
      int first = escapedByte(t, at);
      if (first < 0) {
        return 0;
      }
      int length = first < 0x80 ? 1 : (first & 0xE0) == 0xC0 ? 2 : (first & 0xF0) == 0xE0 ? 3
          : (first & 0xF8) == 0xF0 ? 4 : 0;
      if (length == 0) {
        return 0;
      }
      int cp = length == 1 ? first : first & (0x3F >> (length - 1));
      for (int k = 1; k < length; k++) {
        int next = escapedByte(t, at + 3 * k);
        if (next < 0 || (next & 0xC0) != 0x80) {
          return 0;
        }
        cp = (cp << 6) | (next & 0x3F);
      }
      if (!Character.isValidCodePoint(cp)) {
        return 0;
      }
      for (char ch : Character.toChars(cp)) {
        b.add(ch, at, at + 3 * length);
      }
      return 3 * length;
    }

    /** The byte of {@code %XX} at {@code at}, or -1. */
    private static int escapedByte(String t, int at) {
      if (at + 3 > t.length() || t.charAt(at) != '%' || !isHex(t, at + 1, at + 3)) {
        return -1;
      }
      return Integer.parseInt(t.substring(at + 1, at + 3), 16);
    }

    private static boolean isHex(String t, int from, int to) {
      for (int i = from; i < to; i++) {
        if (Character.digit(t.charAt(i), 16) < 0) {
          return false;
        }
      }
      return true;
    }
  }
}
