package dev.assay.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Reports in a real browser (Debian's chromium driven by Playwright, no browser download): hostile
 * outputs execute nothing, the page renders without console errors and its plots have content.
 * Skips with a message when /usr/bin/chromium is absent; {@link EscapingTest} still checks the HTML.
 */
class BrowserReportTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final String[] PAYLOADS = {
    "<script>window.__pwned=1;document.title='pwned'</script>",
    "<img src=x onerror=\"window.__pwned=2;document.title='pwned'\">",
    "<a href=\"javascript:window.__pwned=3\" id=\"jsurl\">click</a>",
    "</style><script>window.__pwned=4</script><style>",
    "\" onmouseover=\"window.__pwned=5\" x=\"",
    "</pre></td></tr></table><svg onload=\"window.__pwned=6\"></svg>",
    "bad utf-8: " + new String(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF}, StandardCharsets.UTF_8) + " lone \uD800 end",
  };

  private Page open(Playwright pw, Browser browser, Path file, List<String> errors) {
    Page page = browser.newPage();
    page.onConsoleMessage(m -> {
      if (m.type().equals("error")) {
        errors.add(m.text());
      }
    });
    page.onPageError(errors::add);
    page.navigate(file.toUri().toString());
    return page;
  }

  private static Browser launch(Playwright pw) {
    return pw.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true)
        .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run")));
  }

  @Test
  void hostileOutputsExecuteNothingAndThePageRenders() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "skipped: " + CHROMIUM + " is absent (apt-get install chromium)");
    long seed = 11;
    ReportInput in = TestReports.input(60, seed, i -> i < PAYLOADS.length ? PAYLOADS[i] : null, 200);
    Path file = Path.of("target", "browser", "hostile.html").toAbsolutePath();
    Files.createDirectories(file.getParent());
    Files.writeString(file, TestReports.html(in), StandardCharsets.UTF_8);
    try (Playwright pw = Playwright.create(new Playwright.CreateOptions().setEnv(
        Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
      Browser browser = launch(pw);
      List<String> errors = new ArrayList<>();
      Page page = open(pw, browser, file, errors);
      page.hover("table.flips");
      page.selectOption("#flip-filter", "lang=en");
      assertThat(page.evaluate("() => window.__pwned === undefined")).as("seed %d", seed).isEqualTo(true);
      assertThat(page.title()).isEqualTo("assay report: candidate vs baseline");
      assertThat(page.locator("#jsurl").count()).isZero();
      assertThat(page.locator("table.flips tbody tr:not([hidden])").count()).isPositive();
      assertThat(page.textContent("table.flips")).contains("<script>window.__pwned=1", "onerror=", "\uFFFD");
      assertThat(errors).as("console errors").isEmpty();
      page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "browser", "hostile.png")).setFullPage(true));
      browser.close();
    }
  }

  @Test
  void plotsArePresentAndNonEmpty() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "skipped: " + CHROMIUM + " is absent (apt-get install chromium)");
    ReportInput in = TestReports.input(300, 5, i -> null, 50);
    Path file = Path.of("target", "browser", "report.html").toAbsolutePath();
    Files.createDirectories(file.getParent());
    Files.writeString(file, TestReports.html(in), StandardCharsets.UTF_8);
    try (Playwright pw = Playwright.create(new Playwright.CreateOptions().setEnv(
        Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
      Browser browser = launch(pw);
      List<String> errors = new ArrayList<>();
      Page page = open(pw, browser, file, errors);
      // forest, two slice plots (lang, len), latency CDF, two confusion matrices
      assertThat(page.locator("svg.plot").count()).isEqualTo(6);
      Object empty = page.evaluate("() => [...document.querySelectorAll('svg.plot')]"
          + ".filter(s => s.childElementCount < 3 || s.getBoundingClientRect().width < 100).length");
      assertThat(empty).isEqualTo(0);
      assertThat(page.locator("svg.plot polyline").count()).isEqualTo(2);
      assertThat(errors).as("console errors").isEmpty();
      page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "browser", "report.png")).setFullPage(true));
      browser.close();
    }
  }

  /**
   * What a reader sees at a common laptop width: nothing wider than the page (the lineage and
   * systems tables of real-length ids and hashes used to run off it), no two labels of the latency
   * CDF on top of each other (its legend entries used to overlap), and confusion-matrix counts
   * white on the dark cells and dark on the light ones (grey on dark green was unreadable).
   */
  @Test
  void layoutFitsThePageAndLabelsAreReadable() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "skipped: " + CHROMIUM + " is absent (apt-get install chromium)");
    ReportInput in = TestReports.input(300, 5, i -> null, 50);
    Path file = Path.of("target", "browser", "layout.html").toAbsolutePath();
    Files.createDirectories(file.getParent());
    Files.writeString(file, TestReports.html(in), StandardCharsets.UTF_8);
    try (Playwright pw = Playwright.create(new Playwright.CreateOptions().setEnv(
        Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
      Browser browser = launch(pw);
      List<String> errors = new ArrayList<>();
      Page page = open(pw, browser, file, errors);
      page.setViewportSize(1200, 900);
      Object overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
      assertThat(((Number) overflow).intValue()).as("horizontal overflow in px").isLessThanOrEqualTo(0);
      Object tables = page.evaluate("() => [...document.querySelectorAll('table')]"
          + ".filter(t => t.getBoundingClientRect().right > document.body.getBoundingClientRect().right + 1).length");
      assertThat(tables).as("tables wider than the body").isEqualTo(0);

      Object overlaps = page.evaluate("() => { const svg = [...document.querySelectorAll('svg.plot')]"
          + ".find(s => s.getAttribute('aria-label') === 'Latency CDF per system');"
          + "const r = [...svg.querySelectorAll('text')].map(t => t.getBoundingClientRect()).filter(b => b.width > 0);"
          + "let n = 0; for (let i = 0; i < r.length; i++) for (let j = i + 1; j < r.length; j++) {"
          + "const a = r[i], b = r[j]; if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1"
          + " && b.top < a.bottom - 1) n++; } return n; }");
      assertThat(overlaps).as("overlapping labels in the latency CDF").isEqualTo(0);

      Object contrast = page.evaluate("() => [...document.querySelectorAll('text.count')].map(t => {"
          + "const rect = t.previousElementSibling; const dark = parseFloat(rect.getAttribute('fill-opacity')) > 0.5;"
          + "return dark === (getComputedStyle(t).fill === 'rgb(255, 255, 255)'); })");
      @SuppressWarnings("unchecked")
      List<Boolean> readable = (List<Boolean>) contrast;
      assertThat(readable).as("confusion-matrix counts").isNotEmpty().containsOnly(true);
      Object darkCells = page.evaluate("() => document.querySelectorAll('text.count.on-dark').length");
      assertThat(((Number) darkCells).intValue()).as("dark cells with white counts").isPositive();
      assertThat(errors).as("console errors").isEmpty();
      page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "browser", "layout.png")).setFullPage(true));
      browser.close();
    }
  }
}
