package dev.assay.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.assay.core.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens, roles and browser sessions with auth on. */
class AuthTest {
  @TempDir static Path dir;
  static Fixture f;

  @BeforeAll
  static void start() {
    f = new Fixture(dir, AuthMode.TOKENS);
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  /** A concrete path for a route: parameters replaced by well-formed ids. */
  static String concrete(String path) {
    return path.replace("{run_id}", "cand-run").replace("{verdict_id}", "v-1").replace("{hash}", "a".repeat(64))
        .replace("{plan_hash}", "b".repeat(64)).replace("{token_id}", "0123456789ab").replace("{model}", "qa-bot")
        .replace("{version}", "1");
  }

  @Test
  void everyRouteButHealthSignInAndStaticFilesIsDeniedWithoutAToken() {
    int walked = 0;
    for (RouteTable.Route r : f.server.routes()) {
      String path = concrete(r.path());
      HttpResponse<String> resp = f.send(r.method(), path, r.method().equals("GET") ? null : "{}",
          r.method().equals("GET") ? null : "application/json", null);
      if (r.role() == Role.PUBLIC) {
        assertThat(List.of("/api/v1/health", "/login", "/static/assay.js", "/static/assay.css")).as("public route")
            .contains(r.path());
        continue;
      }
      walked++;
      if (r.method().equals("GET") && !r.path().startsWith("/api/")) {
        assertThat(resp.statusCode()).as("%s %s", r.method(), path).isEqualTo(302);
        assertThat(resp.headers().firstValue("Location").orElse("")).startsWith("/login?next=");
      } else {
        assertThat(resp.statusCode()).as("%s %s: %s", r.method(), path, resp.body()).isEqualTo(401);
        assertThat(Fixture.json(resp).path("type").asText()).isEqualTo("urn:assay:problem:unauthorized");
      }
      HttpResponse<String> forged = f.send(r.method(), path, null, null, "assay_0123456789ab_" + "A".repeat(43));
      assertThat(forged.statusCode()).as("forged token on %s %s", r.method(), path).isEqualTo(401);
    }
    assertThat(walked).isGreaterThan(25);
  }

  @Test
  void viewersReadEditorsPushAdminsManageTokens() {
    String viewer = f.tokens.get(Role.VIEWER);
    String editor = f.tokens.get(Role.EDITOR);
    String admin = f.tokens.get(Role.ADMIN);
    assertThat(f.get("/api/v1/runs", viewer).statusCode()).isEqualTo(200);
    String header = Json.write(Json.RECORDS.valueToTree(f.baseline));
    HttpResponse<String> viewerPush = f.send("PUT", "/api/v1/runs/base-run", header, "application/json", viewer);
    assertThat(viewerPush.statusCode()).isEqualTo(403);
    assertThat(Fixture.json(viewerPush).path("detail").asText()).contains("editor role");
    assertThat(f.send("POST", "/api/v1/runs/base-run/results", "{\"results\":[]}", "application/json", viewer)
        .statusCode()).isEqualTo(403);
    assertThat(f.send("PUT", "/api/v1/runs/base-run", header, "application/json", editor).statusCode()).isEqualTo(200);
    HttpResponse<String> mint = f.send("POST", "/api/v1/tokens", "{\"name\":\"x\",\"role\":\"admin\"}",
        "application/json", editor);
    assertThat(mint.statusCode()).isEqualTo(403);
    assertThat(f.get("/api/v1/tokens", editor).statusCode()).isEqualTo(403);
    assertThat(f.send("DELETE", "/api/v1/runs/base-run", null, null, editor).statusCode()).isEqualTo(403);
    HttpResponse<String> made = f.send("POST", "/api/v1/tokens", "{\"name\":\"temp\",\"role\":\"viewer\"}",
        "application/json", admin);
    assertThat(made.statusCode()).isEqualTo(201);
    String temp = Fixture.json(made).path("token").asText();
    String id = Fixture.json(made).path("id").asText();
    assertThat(f.get("/api/v1/runs", temp).statusCode()).isEqualTo(200);
    assertThat(f.send("DELETE", "/api/v1/tokens/" + id, null, null, admin).statusCode()).isEqualTo(204);
    HttpResponse<String> revoked = f.get("/api/v1/runs", temp);
    assertThat(revoked.statusCode()).isEqualTo(401);
    assertThat(Fixture.json(revoked).path("detail").asText()).contains("not valid");
    assertThat(f.get("/api/v1/tokens", admin).body()).doesNotContain(temp.substring(19));
  }

  @Test
  void aBrowserSignsInWithATokenAndGetsAStrictSessionCookie() {
    HttpResponse<String> loginPage = f.get("/login", null);
    String first = cookie(loginPage);
    String csrf = csrf(loginPage.body());
    HttpResponse<String> signIn = form("/login", first, "csrf=" + csrf + "&next=%2Fverdicts&token="
        + f.tokens.get(Role.VIEWER));
    assertThat(signIn.statusCode()).isEqualTo(303);
    assertThat(signIn.headers().firstValue("Location")).contains("/verdicts");
    String setCookie = signIn.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie).contains("HttpOnly").containsIgnoringCase("SameSite=Strict").contains("Path=/")
        .doesNotContain("Secure"); // plain HTTP on loopback
    String session = cookie(signIn);
    assertThat(session).as("a new session on sign-in (no fixation)").isNotEqualTo(first);
    HttpResponse<String> page = f.send(HttpRequest.newBuilder(URI.create(f.base() + "/verdicts"))
        .header("Cookie", session).build());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("viewer-token (viewer)");
    assertThat(f.send(HttpRequest.newBuilder(URI.create(f.base() + "/verdicts")).header("Cookie", first).build())
        .statusCode()).as("the pre-sign-in session is gone").isEqualTo(302);
    HttpResponse<String> wrong = form("/login", cookie(f.get("/login", null)), "csrf=x&token=nope");
    assertThat(wrong.statusCode()).isEqualTo(403);
    HttpResponse<String> open = form("/login", first, "csrf=" + csrf + "&next=https%3A%2F%2Fevil.example%2F&token="
        + f.tokens.get(Role.VIEWER));
    assertThat(open.statusCode()).isIn(303, 403);
    open.headers().firstValue("Location").ifPresent(l -> assertThat(l).startsWith("/").doesNotStartWith("//"));
  }

  static HttpResponse<String> form(String path, String cookie, String body) {
    return form(f, path, cookie, body);
  }

  static HttpResponse<String> form(Fixture f, String path, String cookie, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(f.base() + path))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body));
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return f.send(b.build());
  }

  static String cookie(HttpResponse<String> r) {
    String c = r.headers().firstValue("Set-Cookie").orElseThrow(() -> new AssertionError("no cookie set"));
    return c.substring(0, c.indexOf(';'));
  }

  static String csrf(String html) {
    Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(html);
    if (!m.find()) {
      throw new AssertionError("no CSRF field in " + html);
    }
    return m.group(1);
  }
}
