package dev.assay.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.assay.core.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The redaction table (issue 17, item 6): every secret below, written in every encoding below,
 * inside text before and after it, is replaced by {@value Secrets#MARK} and nothing of it is left;
 * the text around it is kept. One table for every place assay redacts (adapters' messages and
 * outputs, the engine's results, the cache): they all call {@link Secrets}.
 */
class SecretsTest {
  static final String USER = "svc";

  /** Keys with the characters each encoder writes differently. */
  static final List<String> KEYS = List.of(
      "sk-plain0123456789abcdef",
      "sk-q\"u\\o/te0123",
      "pa ss+w%rd<&>'=;",
      "kéy-ünïcode-ключ-🙂",
      "tab\tnew\nline\u0001key");

  record Encoding(String name, UnaryOperator<String> encode) {
    @Override
    public String toString() {
      return name;
    }
  }

  static String json(String s) {
    String quoted = Json.canonical(TextNode.valueOf(s));
    return quoted.substring(1, quoted.length() - 1);
  }

  /** Every non-ASCII, quote, backslash and control as {@code \\uXXXX}, as Python's json.dumps. */
  static String jsonAscii(String s, boolean upper) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&') {
        String hex = String.format(Locale.ROOT, "%04x", (int) c);
        sb.append("\\u").append(upper ? hex.toUpperCase(Locale.ROOT) : hex);
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  static String basic(String key, Base64.Encoder encoder) {
    return encoder.encodeToString((USER + ":" + key).getBytes(StandardCharsets.UTF_8));
  }

  static final List<Encoding> ENCODINGS = List.of(
      new Encoding("raw", s -> s),
      new Encoding("JSON (Jackson)", SecretsTest::json),
      new Encoding("JSON with \\/", s -> json(s).replace("/", "\\/")),
      new Encoding("JSON, \\u escapes lower case", s -> jsonAscii(s, false)),
      new Encoding("JSON, \\u escapes upper case", s -> jsonAscii(s, true)),
      new Encoding("JSON twice", s -> json(json(s))),
      new Encoding("JSON three times", s -> json(json(json(s)))),
      new Encoding("URL form (+ for space)", s -> URLEncoder.encode(s, StandardCharsets.UTF_8)),
      new Encoding("URL %20", s -> URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20")),
      new Encoding("URL lower-case hex", s -> lowerHex(URLEncoder.encode(s, StandardCharsets.UTF_8))),
      new Encoding("URL, then JSON", s -> json(URLEncoder.encode(s, StandardCharsets.UTF_8))),
      new Encoding("JSON, then URL", s -> URLEncoder.encode(json(s), StandardCharsets.UTF_8)),
      new Encoding("base64 of user:key", s -> basic(s, Base64.getEncoder())),
      new Encoding("base64 of user:key, URL-safe, unpadded", s -> basic(s, Base64.getUrlEncoder().withoutPadding())),
      new Encoding("base64 of user:key in JSON with \\/", s -> json(basic(s, Base64.getEncoder())).replace("/", "\\/")),
      new Encoding("base64 of user:key, URL-encoded", s -> URLEncoder.encode(basic(s, Base64.getEncoder()),
          StandardCharsets.UTF_8)));

  private static String lowerHex(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      sb.append(c);
      if (c == '%') {
        sb.append(s.substring(i + 1, i + 3).toLowerCase(Locale.ROOT));
        i += 2;
      }
    }
    return sb.toString();
  }

  static Stream<Arguments> table() {
    List<Arguments> rows = new ArrayList<>();
    for (String key : KEYS) {
      for (Encoding e : ENCODINGS) {
        rows.add(Arguments.of(key, e));
      }
    }
    return rows.stream();
  }

  /** A system's secrets as the adapters register them: the key, and the user:key pair it may be sent as. */
  static Secrets secretsOf(String key) {
    return Secrets.NONE.with(key).withCredentials(USER, key);
  }

  @ParameterizedTest(name = "{1}: {0}")
  @MethodSource("table")
  void everyEncodingOfEverySecretIsHidden(String key, Encoding encoding) {
    String encoded = encoding.encode().apply(key);
    String text = "before \"" + encoded + "\" after";
    String redacted = secretsOf(key).redact(text);
    assertThat(redacted).startsWith("before \"").endsWith("\" after").contains(Secrets.MARK)
        .doesNotContain(encoded);
    for (Encoding other : ENCODINGS) {
      assertThat(redacted).as("no %s form left", other).doesNotContain(other.encode().apply(key));
    }
  }

  @ParameterizedTest(name = "{1}: {0}")
  @MethodSource("table")
  void everyEncodingIsHiddenInsideJsonValuesAndKeys(String key, Encoding encoding) {
    String encoded = encoding.encode().apply(key);
    JsonNode node = Json.object().put("answer", "you sent " + encoded).put(encoded, 1)
        .set("list", Json.MAPPER.createArrayNode().add("ok").add(encoded));
    JsonNode redacted = secretsOf(key).redact(node);
    String written = Json.canonical(redacted);
    assertThat(written).contains("you sent " + Secrets.MARK, "\"ok\"").doesNotContain(encoded)
        .doesNotContain(json(encoded));
  }

  /** URLs as stored and rendered: credentials replaced, everything else as written. */
  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "https://user:pa55@api.example.com/v1 | https://***@api.example.com/v1",
      "http://token@127.0.0.1:8000/v1 | http://***@127.0.0.1:8000/v1",
      "https://h/v1?api_key=k-123&region=eu | https://h/v1?api_key=***&region=eu",
      "https://h/v1?region=eu&access_token=t#frag | https://h/v1?region=eu&access_token=***#frag",
      "https://h/x?X-Amz-Signature=abc;X-Amz-Credential=c&page=2 | https://h/x?X-Amz-Signature=***;X-Amz-Credential=***&page=2",
      "https://acct.blob/x?sv=2020&sig=s1g | https://acct.blob/x?sv=2020&sig=***",
      "judge:base_url=http://u:p4ss@h:1/v1?key=k1:model=m:rubric=r.txt | judge:base_url=http://***@h:1/v1?key=***:model=m:rubric=r.txt",
      "see https://a:b@h/ and ftp://c:d@g/f | see https://***@h/ and ftp://***@g/f",
      "https://h/path@not-userinfo?q=1 | https://h/path@not-userinfo?q=1",
      "no url here: user:pass@host | no url here: user:pass@host"})
  void urlsLoseTheirCredentials(String url, String expected) {
    assertThat(Secrets.stripUrlCredentials(url)).isEqualTo(expected);
    assertThat(Secrets.stripUrlCredentials(expected)).isEqualTo(expected);
    assertThat(Secrets.hasStrippedUrlCredentials(expected)).isEqualTo(!url.equals(expected));
  }

  @Test
  void theCredentialsOfAUrlAreSecretsInEveryEncoding() {
    Secrets s = Secrets.NONE.withUrl("https://svc:p%40ss-w0rd@h/v1?api_key=qk-12345&region=eu");
    String basic = Base64.getEncoder().encodeToString("svc:p@ss-w0rd".getBytes(StandardCharsets.UTF_8));
    assertThat(s.redact("echo p@ss-w0rd p%40ss-w0rd " + basic + " " + json("qk-12345") + " region=eu"))
        .isEqualTo("echo *** *** *** *** region=eu");
    String plain = "https://h/v1?region=eu";
    assertThat(Secrets.NONE.withUrl(plain).isEmpty()).isTrue();
    assertThat(Secrets.stripUrlCredentials(plain)).isSameAs(plain);
  }

  @Test
  void textWithoutASecretIsReturnedAsItIs() {
    Secrets s = secretsOf("sk-q\"u\\o/te0123");
    String text = "an answer with \\\"escapes\\\", 100% sure, a+b and sk-q\"u\\o/te012 (one short)";
    assertThat(s.redact(text)).isSameAs(text);
    JsonNode node = Json.object().put("a", text);
    assertThat(s.redact(node)).isSameAs(node);
    assertThat(Secrets.NONE.redact(text)).isSameAs(text);
    assertThat(s.redact((String) null)).isNull();
  }

  @Test
  void shortValuesAreNotRegisteredAndLongerSecretsWinWhole() {
    assertThat(Secrets.NONE.with("abc").isEmpty()).isTrue();
    Secrets s = Secrets.NONE.with("token-1234").with("token-1234-extended");
    assertThat(s.redact("x token-1234-extended y token-1234 z")).isEqualTo("x *** y *** z");
    assertThat(s.toString()).doesNotContain("token");
  }

  @Test
  void theTokenOfAnAuthorizationValueIsASecretOfItsOwn() {
    String basic = Base64.getEncoder().encodeToString("me:hunter2-pass".getBytes(StandardCharsets.UTF_8));
    Secrets s = Secrets.NONE.with("Bearer tok-abcdef").with("Basic " + basic);
    assertThat(s.redact("got tok-abcdef and " + basic + " and hunter2-pass and me:hunter2-pass"))
        .isEqualTo("got *** and *** and *** and ***");
  }

  @Test
  void adjacentAndOverlappingMatchesBecomeOneMark() {
    Secrets s = Secrets.NONE.with("abcdabcd");
    assertThat(s.redact("xabcdabcdabcdy")).isEqualTo("x***y");
    assertThat(s.redact("abcdabcd" + json("abcdabcd"))).isEqualTo("***");
  }
}
