package dev.assay.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.sun.net.httpserver.HttpServer;
import dev.assay.core.Json;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web UI in Debian's Chromium driven by Playwright (no browser download): sign-in, browsing,
 * filtering, comparing, live progress, and hostile payloads that must not execute. Screenshots are
 * kept in target/browser/. Skips with a message when /usr/bin/chromium is absent.
 */
class BrowserTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path SHOTS = Path.of("target", "browser");
  @TempDir static Path dir;
  static Fixture f;
  static Playwright pw;
  static Browser browser;

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "skipped: " + CHROMIUM + " is absent (apt-get install chromium)");
    f = new Fixture(dir, AuthMode.TOKENS);
    // a run whose names are hostile too
    var hostile = dev.assay.core.RunRecord.started("xss-run", Fixture.XSS, "s.yaml", "ab".repeat(32), Fixture.suite(),
        new dev.assay.core.SystemSpec("<svg onload=window.__pwned=3>", "predictions", null, 0), null, "data.jsonl",
        f.dataset.hash(), Fixture.EXAMPLES, 1, List.of("exact_match"), null, null,
        new dev.assay.core.Lineage("0.1.0", null, null, "jvm", "os"), 0, java.time.Instant.parse("2026-01-09T00:00:00Z"));
    f.store.createRun(hostile);
    f.store.append("xss-run", f.store.results("base-run").subList(0, 10));
    f.store.updateRun(hostile.finish(dev.assay.core.RunStatus.COMPLETED, java.time.Instant.parse("2026-01-09T00:01:00Z"),
        new dev.assay.core.Counts(9, 1), Map.of("exact_match", 0.5)));
    Files.createDirectories(SHOTS);
    pw = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser = pw.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true)
        .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run")));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (pw != null) {
      pw.close();
    }
    if (f != null) {
      f.close();
    }
  }

  /** A signed-in page, collecting console errors (a CSP violation is one) and page errors. */
  private Page signedIn(BrowserContext context, Role role, List<String> errors) {
    Page page = context.newPage();
    page.onConsoleMessage(m -> {
      if (m.type().equals("error")) {
        errors.add(m.text());
      }
    });
    page.onPageError(errors::add);
    page.navigate(f.base() + "/");
    assertThat(page.url()).contains("/login");
    page.fill("#token", f.tokens.get(role));
    page.click("#sign-in");
    page.waitForLoadState();
    if (!page.url().equals(f.base() + "/")) {
      throw new AssertionError("sign-in ended at " + page.url() + ": " + page.content());
    }
    return page;
  }

  private static void shot(Page page, String name) {
    page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")).setFullPage(true));
  }

  private static boolean pwned(Page page) {
    return !Boolean.TRUE.equals(page.evaluate("() => window.__pwned === undefined"));
  }

  @Test
  void signInBrowseFilterSortAndCompare() {
    List<String> errors = new ArrayList<>();
    try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1300, 900))) {
      Page page = context.newPage();
      page.navigate(f.base() + "/login");
      page.fill("#token", "assay_0123456789ab_" + "A".repeat(43));
      page.click("#sign-in");
      assertThat(page.locator("#login-error").textContent()).contains("not valid");
      page = signedIn(context, Role.VIEWER, errors);
      assertThat(page.locator("#runs tbody tr").count()).isEqualTo(4);
      shot(page, "runs");
      page.fill("input[name=system]", "candidate");
      page.click("#run-filters button[type=submit]");
      page.waitForURL("**system=candidate**");
      assertThat(page.locator("#runs tbody tr").count()).isEqualTo(2);
      page.navigate(f.base() + "/");
      page.click("#runs th:has-text('System')");
      List<String> systems = page.locator("#runs tbody tr td:nth-child(5)").allTextContents();
      assertThat(systems).isSortedAccordingTo(String::compareTo);
      page.check("input[name=baseline][value=base-run]");
      page.check("input[name=candidate][value=cand-run]");
      page.click("#compare-selected");
      page.waitForURL("**/compare?**");
      assertThat(page.locator(".verdict").first().textContent()).isIn("PASS", "FAIL", "INCONCLUSIVE");
      assertThat(page.locator("svg.plot").count()).isGreaterThanOrEqualTo(2);
      assertThat(page.locator("#download-report").getAttribute("href")).startsWith("/api/v1/comparisons/report?");
      shot(page, "compare");
      page.navigate(f.base() + "/runs/base-run");
      assertThat(page.locator("#examples-table tbody tr").count()).isEqualTo(25);
      page.selectOption("select[name=error]", "true");
      page.click("#example-filters button[type=submit]");
      page.waitForURL("**error=true**");
      assertThat(page.locator("#examples-table tbody tr").count()).isEqualTo(6);
      page.locator("#examples-table details").first().locator("summary").click();
      shot(page, "run-errors");
      page.navigate(f.base() + "/verdicts");
      page.navigate(f.base() + "/datasets");
      assertThat(page.locator("table a").first().getAttribute("href")).startsWith("/api/v1/datasets/");
      assertThat(errors).as("console and page errors").isEmpty();
    }
  }

  @Test
  void hostilePayloadsAreShownAsTextAndNeverRun() {
    List<String> errors = new ArrayList<>();
    try (BrowserContext context = browser.newContext()) {
      Page page = signedIn(context, Role.VIEWER, errors);
      for (String path : List.of("/", "/runs/xss-run", "/runs/base-run?q=script", "/runs/base-run?error=true",
          "/compare?baseline=base-run&candidate=cand-run", "/runs/cand-run?flipped_vs=base-run",
          "/login?next=javascript:window.__pwned=9", "/runs/base-run?q=%3Cscript%3Ewindow.__pwned%3D7%3C%2Fscript%3E")) {
        page.navigate(f.base() + path);
        page.locator("details summary").all().forEach(s -> s.click());
        page.mouse().move(200, 300);
        assertThat(pwned(page)).as(path).isFalse();
      }
      page.navigate(f.base() + "/runs/base-run?q=script");
      page.locator("details summary").all().forEach(s -> s.click());
      assertThat(page.locator("pre.output").allTextContents()).anyMatch(t -> t.contains("<script>window.__pwned=1"));
      shot(page, "hostile");
      page.navigate(f.base() + "/");
      assertThat(page.locator("#runs").textContent()).contains("<script>window.__pwned=1</script>");
      assertThat(errors).as("console and page errors").isEmpty();
    }
  }

  /**
   * The registry's pages in the browser: models with aliases and history, the audit log verified,
   * the scorecard; a hostile description and override reason are shown as text, nothing breaks the
   * CSP (a violation is a console error).
   */
  @Test
  void modelsAuditAndScorecardPages() {
    String editor = f.tokens.get(Role.EDITOR);
    // one version: this fixture's runs differ only in their systems' names, which a version ignores
    assertThat(f.send("POST", "/api/v1/models/qa-bot/versions", Json.write(Json.object().put("run_id", "base-run")
        .put("description", Fixture.XSS)), "application/json", editor).statusCode()).isEqualTo(201);
    assertThat(f.send("POST", "/api/v1/models/qa-bot/promotions", Json.write(Json.object().put("version", 1)
        .put("alias", "champion").put("override_reason", "<svg onload=window.__pwned=4>")), "application/json",
        f.tokens.get(Role.ADMIN)).statusCode()).isEqualTo(200);
    List<String> errors = new ArrayList<>();
    try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1300, 900))) {
      Page page = signedIn(context, Role.VIEWER, errors);
      page.click("header.top nav a:has-text('Models')");
      page.waitForURL("**/models");
      assertThat(page.locator("#models tbody tr").count()).isEqualTo(1);
      assertThat(page.locator("#models tbody tr").first().textContent()).contains("qa-bot", "champion → 1");
      shot(page, "models");
      page.click("#models a:has-text('qa-bot')");
      page.waitForURL("**/models/qa-bot");
      assertThat(page.locator("#versions tbody tr").count()).isEqualTo(1);
      assertThat(page.locator("#history tbody tr").first().textContent()).contains("override",
          "<svg onload=window.__pwned=4>", "token:admin-token");
      assertThat(page.locator("#versions").textContent()).contains("<script>window.__pwned=1</script>");
      assertThat(pwned(page)).isFalse();
      shot(page, "model");
      page.click("header.top nav a:has-text('Audit')");
      page.waitForURL("**/audit");
      assertThat(page.locator("#verify").textContent()).startsWith("Verified");
      assertThat(page.locator("#entries tbody tr").count()).isGreaterThan(3);
      page.locator("#entries a:has-text('alias:qa-bot/champion')").first().click();
      page.waitForURL("**subject=alias**");
      assertThat(page.locator("#entries tbody tr").count()).isEqualTo(1);
      shot(page, "audit");
      page.click("header.top nav a:has-text('Scorecard')");
      page.waitForURL("**/scorecard");
      page.fill("#scorecard-filters input[name=since]", "3650d");
      page.fill("#scorecard-filters input[name=model]", "qa-bot");
      page.click("#scorecard-filters button[type=submit]");
      page.waitForURL("**model=qa-bot**");
      assertThat(page.locator("h1").textContent()).contains("Research scorecard: qa-bot");
      assertThat(page.locator("section.scorecard table").count()).isGreaterThan(2);
      shot(page, "scorecard");
      assertThat(pwned(page)).isFalse();
      assertThat(errors).as("console and page errors").isEmpty();
    }
  }

  /** A page on another origin that posts a form to the server: the server must refuse it. */
  @Test
  void aCrossSiteFormCannotMintATokenOrSignOut() throws Exception {
    int before = f.tokenStore.list().size();
    HttpServer evil = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    String attack = "<!DOCTYPE html><html><body><form id=f method=post action=\"" + f.base() + "/tokens\">"
        + "<input name=name value=evil><input name=role value=admin><input name=csrf value=guess></form>"
        + "<script>document.getElementById('f').submit()</script></body></html>";
    evil.createContext("/", ex -> {
      byte[] b = attack.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "text/html");
      ex.sendResponseHeaders(200, b.length);
      ex.getResponseBody().write(b);
      ex.close();
    });
    evil.start();
    try (BrowserContext context = browser.newContext()) {
      List<String> errors = new ArrayList<>();
      Page page = signedIn(context, Role.ADMIN, errors);
      page.navigate(f.base() + "/tokens");
      assertThat(page.locator("#create-token").count()).isEqualTo(1);
      Page other = context.newPage();
      other.navigate("http://localhost:" + evil.getAddress().getPort() + "/");
      other.waitForURL(f.base() + "/tokens");
      assertThat(other.content()).containsAnyOf("Foreign origin", "CSRF", "Sign-in required");
      shot(other, "csrf-refused");
      assertThat(f.tokenStore.list()).hasSize(before);
      page.navigate(f.base() + "/tokens");
      page.fill("#create-token input[name=name]", "made-here");
      page.click("#create-token button[type=submit]");
      assertThat(page.locator("#new-token").textContent()).startsWith("assay_");
      assertThat(f.tokenStore.list()).hasSize(before + 1);
    } finally {
      evil.stop(0);
    }
  }

  @Test
  void aRunInProgressShowsLiveCounts() throws Exception {
    List<String> errors = new ArrayList<>();
    try (BrowserContext context = browser.newContext()) {
      Page page = signedIn(context, Role.VIEWER, errors);
      page.navigate(f.base() + "/runs/live-run");
      assertThat(page.locator("#live-stored").textContent()).isEqualTo("10");
      var more = f.store.results("cand-run").subList(10, 30);
      var r = f.send("POST", "/api/v1/runs/live-run/results",
          Json.write(Json.object().set("results", Json.RECORDS.valueToTree(more))), "application/json",
          f.tokens.get(Role.EDITOR));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      page.waitForCondition(() -> "30".equals(page.locator("#live-stored").textContent()),
          new Page.WaitForConditionOptions().setTimeout(15_000));
      assertThat(page.locator("#live-means").textContent()).contains("exact_match");
      shot(page, "live");
      assertThat(errors).isEmpty();
    }
  }
}
