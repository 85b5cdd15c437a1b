package org.newsindex.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.newsindex.TestProject;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The search page as a person uses it: Debian's headless Chromium, driven by Selenium through
 * ChromeDriver, against a local cloud on the seed corpus. Each test is skipped, with what to
 * install, on a machine without {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} (or the
 * paths in the {@code newsindex.chromium} and {@code newsindex.chromedriver} system properties).
 * Beside the seeds, eight stories about herons with known publication times (S3 metadata) prove the
 * date controls exactly. Leaves a screenshot in {@code docs/search-page.png}.
 */
class SearchPageTest {
  // Where Debian puts them; the properties point elsewhere (or nowhere, to see the skip).
  private static final Path CHROMIUM =
      Path.of(System.getProperty("newsindex.chromium", "/usr/bin/chromium"));
  private static final Path CHROMEDRIVER =
      Path.of(System.getProperty("newsindex.chromedriver", "/usr/bin/chromedriver"));
  private static final boolean BROWSER_INSTALLED =
      Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  /** Six herons on fixed dates: two in March 2025, one in May, three in July. */
  private static final List<String> HERON_DATES =
      List.of(
          "2025-03-10T12:00:00Z",
          "2025-03-20T12:00:00Z",
          "2025-05-12T12:00:00Z",
          "2025-07-01T12:00:00Z",
          "2025-07-15T12:00:00Z",
          "2025-07-28T12:00:00Z");

  /** And two recent ones, two and twenty days ago: inside the past month, one inside the week. */
  private static final String TWO_DAYS_AGO =
      Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();

  private static final String TWENTY_DAYS_AGO =
      Instant.now().minus(20, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();

  private static TestCloud cloud;
  private static Path profile;
  private static WebDriver browser;

  @BeforeAll
  static void start() throws IOException {
    if (!BROWSER_INSTALLED) {
      return;
    }
    cloud = TestCloud.start(true);
    List<String> dates = new ArrayList<>(HERON_DATES);
    dates.add(TWENTY_DAYS_AGO);
    dates.add(TWO_DAYS_AGO);
    for (int i = 0; i < dates.size(); i++) {
      cloud.upload(
          "page/heron-" + i + ".txt",
          Corpora.article(
              "Herons return to the wetland reserve, count "
                  + i
                  + ". Wardens say the herons nest in the wetland reeds each spring."),
          Map.of("published", dates.get(i)));
    }
    cloud.settle();
    // The network is closed: no sandbox (root), no GPU, and nothing that phones home.
    profile = Files.createTempDirectory("newsindex-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--user-data-dir=" + profile,
        "--window-size=1280,900",
        "--lang=en-US");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, options);
  }

  /**
   * Each test, not the class, is skipped without a browser: surefire counts a skipped class as no
   * tests at all, and the reason would be lost.
   */
  @BeforeEach
  void needsTheBrowser() {
    assumeTrue(
        BROWSER_INSTALLED,
        "install chromium and chromium-driver (apt-get install chromium chromium-driver) to run the"
            + " page test; "
            + CHROMIUM
            + " or "
            + CHROMEDRIVER
            + " is missing");
  }

  @AfterAll
  static void stop() throws IOException {
    if (browser != null) {
      browser.quit();
    }
    if (cloud != null) {
      cloud.close();
    }
    if (profile != null) {
      try (Stream<Path> files = Files.walk(profile)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  @Test
  void typedQueryShowsResultsWithHighlightedSnippets() {
    open("/");
    browser.findElement(By.id("q")).sendKeys("istanbul", Keys.ENTER);

    waitForSummary("istanbul");
    WebElement first = results().get(0);
    WebElement mark = first.findElement(By.cssSelector(".snippet em"));
    assertEquals("istanbul", mark.getText().toLowerCase());
    assertTrue(
        first
            .findElement(By.cssSelector(".result-title"))
            .getText()
            .startsWith("Russian Foreign Minister"));
    assertTrue(browser.getCurrentUrl().endsWith("/?q=istanbul"), browser.getCurrentUrl());
  }

  @Test
  void kindFacetFiltersResultsAndKeepsBothCounts() {
    open("/?q=ukraine");
    waitForSummary("ukraine");
    int headlines = Integer.parseInt(kindCount("headline"));
    int articles = Integer.parseInt(kindCount("article"));

    browser.findElement(By.cssSelector("input[name=kind][value=headline]")).click();

    waiting()
        .until(
            d ->
                d.getCurrentUrl().contains("kind=headline")
                    && summary().startsWith(headlines + " result"));
    List<WebElement> shown = results();
    assertEquals(headlines, shown.size());
    assertTrue(shown.stream().allMatch(r -> r.getAttribute("class").contains("result-headline")));
    assertEquals(
        String.valueOf(articles), kindCount("article"), "the kind facet ignores the kind filter");
    assertTrue(
        browser.findElement(By.cssSelector("input[name=kind][value=headline]")).isSelected());
  }

  @Test
  void sourceFacetFiltersBySourceFile() {
    open("/?q=ukraine");
    waitForSummary("ukraine");
    WebElement source = browser.findElements(By.cssSelector("#source-facet .facet-link")).get(0);
    String key = source.findElement(By.cssSelector(".facet-label")).getText();
    int count = Integer.parseInt(source.findElement(By.cssSelector(".count")).getText());

    source.click();

    waiting()
        .until(
            d -> d.getCurrentUrl().contains("source=") && summary().startsWith(count + " result"));
    assertTrue(
        results().stream()
            .allMatch(
                r -> r.findElement(By.cssSelector(".result-sources")).getText().contains(key)));
    assertTrue(browser.findElement(By.id("active-filters")).getText().contains("Source: " + key));
  }

  @Test
  void moreResultsAppendsTheNextPageUntilAllAreShown() {
    String q = "russia ukraine trump";
    JsonNode first = cloud.search(q);
    JsonNode second = cloud.search(q, "cursor=" + first.get("next_cursor").asText());
    List<String> expected = new ArrayList<>();
    Stream.of(first, second)
        .forEach(page -> page.get("results").forEach(hit -> expected.add(hit.get("id").asText())));
    assertFalse(second.has("next_cursor"), "the query should have exactly two pages");

    open("/?q=" + TestCloud.encode(q));
    waitForSummary(q);
    assertEquals(10, results().size());
    WebElement more = browser.findElement(By.id("more"));
    assertTrue(more.isDisplayed());

    more.click();

    waiting().until(d -> results().size() == expected.size());
    assertEquals(expected, results().stream().map(r -> r.getAttribute("data-id")).toList());
    waiting().until(ExpectedConditions.invisibilityOfElementLocated(By.id("more")));
  }

  @Test
  void resultOpensItsDocumentAndBackReturnsToTheResults() {
    open("/?q=istanbul");
    waitForSummary("istanbul");
    String id = results().get(0).getAttribute("data-id");
    JsonNode doc = cloud.get("/documents/" + id).body();

    results().get(0).findElement(By.cssSelector(".result-title a")).click();

    WebElement heading =
        waiting()
            .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#document h1")));
    assertEquals(doc.get("title").asText(), heading.getText());
    assertEquals(
        doc.get("paragraphs").size(),
        browser.findElements(By.cssSelector("#document .document-body p")).size());
    assertTrue(
        browser
            .findElement(By.cssSelector("#document .document-sources"))
            .getText()
            .contains(doc.get("sources").get(0).asText()));
    assertTrue(browser.getCurrentUrl().contains("doc=" + id), browser.getCurrentUrl());

    browser.findElement(By.cssSelector("#document .back")).click();

    waitForSummary("istanbul");
    assertFalse(browser.findElement(By.id("document")).isDisplayed());
  }

  @Test
  void headlineDocumentShowsItsTitleOnceAndTheFilesListingIt() {
    JsonNode hit = cloud.search("zelenskiy", "kind=headline").get("results").get(0);

    open("/?doc=" + hit.get("id").asText());

    WebElement heading =
        waiting()
            .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#document h1")));
    assertEquals(hit.get("title").asText(), heading.getText());
    WebElement doc = browser.findElement(By.id("document"));
    assertTrue(
        doc.findElements(By.cssSelector(".document-body")).isEmpty(),
        "a headline's text is its title");
    int files = hit.get("sources").size();
    assertTrue(
        doc.getText().contains("Listed in " + files + (files == 1 ? " file" : " files")),
        doc.getText());
    assertFalse(doc.getText().contains("null"), doc.getText());
  }

  @Test
  void typingAPrefixShowsSuggestionsThatCanBeChosenWithTheKeyboard() {
    open("/");
    WebElement box = browser.findElement(By.id("q"));
    box.sendKeys("ukr");

    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("suggestions")));
    List<String> texts =
        browser.findElements(By.cssSelector("#suggestions [role=option] .suggestion-text")).stream()
            .map(WebElement::getText)
            .toList();
    assertEquals("ukraine", texts.get(0), "most common first: " + texts);
    assertTrue(texts.stream().allMatch(t -> t.toLowerCase().startsWith("ukr")), texts.toString());
    assertEquals("true", box.getAttribute("aria-expanded"));

    box.sendKeys(Keys.ARROW_DOWN, Keys.ENTER);

    waitForSummary("ukraine");
    assertFalse(browser.findElement(By.id("suggestions")).isDisplayed());
  }

  @Test
  void apiErrorsAndEmptyResultsAreExplained() {
    open("/?q=the");
    WebElement error =
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
    assertTrue(error.getText().contains("no searchable words"), error.getText());

    open("/?doc=hffffffffffffffff");
    WebElement missing =
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
    assertTrue(
        missing.getText().contains("no document has the id 'hffffffffffffffff'"),
        missing.getText());

    open("/?q=zzqxv&kind=headline");
    WebElement empty =
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("empty")));
    assertTrue(empty.getText().contains("No results for “zzqxv”"), empty.getText());
    assertTrue(empty.getText().contains("Search without filters"), empty.getText());
  }

  @Test
  void markupInADocumentIsShownAsText() {
    cloud.upload(
        "page/markup.txt",
        "Harbour <b>pilots</b> <img src=x> walk out over pay. The port is closed.\n");
    cloud.settle();

    open("/?q=" + TestCloud.encode("harbour pilots"));
    waitForSummary("harbour pilots");

    WebElement result = results().get(0);
    assertTrue(
        result.getText().contains("Harbour <b>pilots</b> <img src=x> walk out"), result.getText());
    assertTrue(
        result.findElements(By.cssSelector("img, b")).isEmpty(),
        "no element may come from a document's text");
    assertFalse(
        result.findElements(By.cssSelector(".snippet em")).isEmpty(),
        "the snippet's own marks are elements");
  }

  @Test
  void dateRangeFiltersResultsAndEachHitShowsItsPublicationDate() {
    open("/?q=heron");
    waitForSummary("heron");
    assertTrue(summary().startsWith("8 results"), summary());

    // A date input's typed form depends on the locale; set the values as a date picker would.
    setValue(browser.findElement(By.id("from-date")), "2025-03-01");
    setValue(browser.findElement(By.id("to-date")), "2025-05-31");
    browser.findElement(By.cssSelector("#date-range button[type=submit]")).click();

    waiting()
        .until(
            d ->
                d.getCurrentUrl().contains("from=2025-03-01&to=2025-06-01")
                    && summary().startsWith("3 results"));
    assertEquals(HERON_DATES.subList(0, 3), publishedShown().stream().sorted().toList());
    for (WebElement hit : results()) {
      assertFalse(
          hit.findElement(By.cssSelector("time.published")).getText().isBlank(), hit.getText());
    }
    assertEquals("2025-03-01", browser.findElement(By.id("from-date")).getAttribute("value"));
    assertEquals("2025-05-31", browser.findElement(By.id("to-date")).getAttribute("value"));
    assertTrue(
        browser
            .findElement(By.id("active-filters"))
            .getText()
            .contains("Published: 2025-03-01 – 2025-05-31"));

    dateChoice("Past week").click();

    waiting()
        .until(d -> d.getCurrentUrl().contains("from=now-7d") && summary().startsWith("1 result"));
    assertEquals(List.of(TWO_DAYS_AGO), publishedShown());
    assertEquals("true", dateChoice("Past week").getAttribute("aria-pressed"));

    dateChoice("Past month").click();

    waiting()
        .until(d -> d.getCurrentUrl().contains("from=now-1M") && summary().startsWith("2 results"));
    assertEquals(
        List.of(TWENTY_DAYS_AGO, TWO_DAYS_AGO), publishedShown().stream().sorted().toList());

    dateChoice("Any time").click();

    waiting().until(d -> !d.getCurrentUrl().contains("from=") && summary().startsWith("8 results"));
  }

  @Test
  void sortOrdersResultsByPublicationTime() {
    open("/?q=heron");
    waitForSummary("heron");
    List<String> all = new ArrayList<>(HERON_DATES);
    all.add(TWENTY_DAYS_AGO);
    all.add(TWO_DAYS_AGO);

    new Select(browser.findElement(By.id("sort"))).selectByValue("oldest");

    waiting()
        .until(
            d -> d.getCurrentUrl().contains("sort=oldest") && summary().contains("oldest first"));
    assertEquals(all, publishedShown());
    assertTrue(results().get(0).findElements(By.cssSelector(".score")).isEmpty());

    new Select(browser.findElement(By.id("sort"))).selectByValue("newest");

    waiting()
        .until(
            d -> d.getCurrentUrl().contains("sort=newest") && summary().contains("newest first"));
    List<String> newest = new ArrayList<>(all);
    Collections.reverse(newest);
    assertEquals(newest, publishedShown());

    new Select(browser.findElement(By.id("sort"))).selectByValue("relevance");

    waiting().until(d -> !d.getCurrentUrl().contains("sort=") && !summary().contains("first"));
    assertFalse(results().get(0).findElements(By.cssSelector(".score")).isEmpty());
  }

  @Test
  void timelineBarFiltersToItsMonthAndCanBeCleared() {
    open("/?q=heron");
    waitForSummary("heron");
    WebElement title = browser.findElement(By.id("timeline-title"));
    assertEquals(
        "Published, by month",
        title.getAttribute("textContent"),
        "an open range is drawn by month");
    List<String> firstMonths =
        browser.findElements(By.cssSelector("#timeline-bars > .bar")).stream()
            .limit(5)
            .map(b -> b.getTagName().equals("button") ? b.getAttribute("aria-label") : "gap")
            .toList();
    assertEquals(
        List.of("2025-03: 2 results", "gap", "2025-05: 1 result", "gap", "2025-07: 3 results"),
        firstMonths);

    bars("2025-07: 3 results").get(0).click();

    waiting()
        .until(
            d ->
                d.getCurrentUrl().contains("from=2025-07-01&to=2025-08-01")
                    && summary().startsWith("3 results"));
    assertEquals(HERON_DATES.subList(3, 6), publishedShown().stream().sorted().toList());
    assertTrue(
        browser.findElement(By.id("active-filters")).getText().contains("Published: 2025-07"));
    waiting().until(d -> title.getAttribute("textContent").equals("Published, by day"));
    List<String> days =
        browser.findElements(By.cssSelector("#timeline-bars .bar")).stream()
            .filter(b -> b.getTagName().equals("button"))
            .map(b -> b.getAttribute("aria-label"))
            .toList();
    assertEquals(
        List.of("2025-07-01: 1 result", "2025-07-15: 1 result", "2025-07-28: 1 result"), days);

    browser.findElement(By.id("timeline-clear")).click();

    waiting().until(d -> !d.getCurrentUrl().contains("from=") && summary().startsWith("8 results"));
    waiting().until(d -> title.getAttribute("textContent").equals("Published, by month"));
  }

  @Test
  void documentPageListsItsRelatedDocumentsAsLinks() {
    open("/?q=heron");
    waitForSummary("heron");
    String id = results().get(0).getAttribute("data-id");
    JsonNode doc = cloud.get("/documents/" + id).body();
    List<String> expected = new ArrayList<>();
    cloud
        .get("/documents/" + id + "/related?limit=5")
        .body()
        .get("results")
        .forEach(hit -> expected.add(hit.get("id").asText()));
    assertEquals(5, expected.size(), "the other herons are alike");

    results().get(0).findElement(By.cssSelector(".result-title a")).click();

    waiting().until(d -> d.findElements(By.cssSelector("#document .related")).size() == 5);
    assertEquals(
        expected,
        browser.findElements(By.cssSelector("#document .related")).stream()
            .map(r -> r.getAttribute("data-id"))
            .toList());
    assertEquals(
        doc.get("published").asText(),
        browser
            .findElement(By.cssSelector("#document .result-meta time.published"))
            .getAttribute("datetime"));
    WebElement link = browser.findElement(By.cssSelector("#document .related a"));
    String title = link.getText();
    assertTrue(title.startsWith("Herons return to the wetland reserve"), title);

    link.click();

    waiting()
        .until(
            d ->
                d.getCurrentUrl().contains("doc=" + expected.get(0))
                    && d.findElement(By.cssSelector("#document h1")).getText().equals(title));
  }

  @Test
  void screenshotOfAResultsPage() throws IOException {
    open("/?q=ukraine");
    waitForSummary("ukraine");
    waiting()
        .until(
            d ->
                !kindCount("article").isEmpty()
                    && !d.findElement(By.id("index-size")).getText().isEmpty());

    byte[] png = ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES);

    Path file = TestProject.dir().resolve("docs/search-page.png");
    Files.createDirectories(file.getParent());
    Files.write(file, png);
    assertTrue(png.length > 10_000, "a screenshot of a rendered page");
  }

  private static void open(String pathAndQuery) {
    browser.get(cloud.api().resolve(pathAndQuery).toString());
  }

  private static WebDriverWait waiting() {
    return new WebDriverWait(browser, PATIENCE);
  }

  /** Waits until the page shows the results of this query. */
  private static void waitForSummary(String q) {
    waiting()
        .until(
            d ->
                summary().contains("“" + q + "”")
                    && !d.findElements(By.cssSelector("#results .result")).isEmpty());
  }

  private static String summary() {
    return browser.findElement(By.id("summary")).getText();
  }

  private static List<WebElement> results() {
    return browser.findElements(By.cssSelector("#results .result"));
  }

  /** The publication times of the results shown, in their order. */
  private static List<String> publishedShown() {
    return results().stream()
        .map(r -> r.findElement(By.cssSelector("time.published")).getAttribute("datetime"))
        .toList();
  }

  private static List<WebElement> bars(String label) {
    return browser.findElements(
        By.cssSelector("#timeline-bars button.bar[aria-label='" + label + "']"));
  }

  private static WebElement dateChoice(String label) {
    return browser.findElements(By.cssSelector("#date-choices .date-choice")).stream()
        .filter(b -> b.getText().equals(label))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no date choice '" + label + "'"));
  }

  private static void setValue(WebElement input, String value) {
    ((JavascriptExecutor) browser)
        .executeScript("arguments[0].value = arguments[1];", input, value);
  }

  private static String kindCount(String kind) {
    return browser.findElement(By.cssSelector("[data-kind-count=" + kind + "]")).getText();
  }
}
