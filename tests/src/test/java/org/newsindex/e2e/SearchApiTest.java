package org.newsindex.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The search API over HTTP: query syntax, filters, facets, pagination, highlighting and
 * suggestions.
 */
class SearchApiTest {
  @RegisterExtension static final TestCloud cloud = TestCloud.seeded();

  @BeforeAll
  static void start() {
    cloud.upload(
        "desk/politics/a.txt",
        Corpora.article(
            "Parliament debated the budget late into the night. The finance minister defended new"
                + " taxes on fuel.",
            "Budget Vote Delayed Again",
            "Fuel Taxes Spark Protests",
            "Harbour Strike Enters Third Week"));
    cloud.upload(
        "desk/politics/b.txt",
        Corpora.article(
            "Protests over fuel taxes spread to three cities. Police estimated ten thousand"
                + " marchers.",
            "Fuel Taxes Spark Protests",
            "Police Brace For Weekend Marches"));
    cloud.upload(
        "desk/sport/c.txt",
        Corpora.article(
            "The marathon record fell in Berlin on a cool morning, with light wind from the west"
                + " and the temperature close to ten degrees at the start, which coaches had called"
                + " ideal for a fast race on the flat course. The runner said the crowd carried her"
                + " through the last kilometres. Officials confirmed the time.",
            "Marathon Record Falls In Berlin",
            "Harbour Strike Enters Third Week"));
    cloud.upload(
        "desk/xss.txt",
        Corpora.article(
            "A page about <script>alert('xss')</script> injection & escaping in snippets.",
            "Escaping <b>Matters</b> For Snippets"));
    for (int i = 0; i < 23; i++) {
      cloud.upload(
          "desk/paged/" + i + ".txt",
          Corpora.article(
              "Weather bulletin number "
                  + i
                  + ": rain "
                  + "and rain ".repeat(i % 5)
                  + "over the hills.",
              "Weather Bulletin " + i));
    }
    cloud.settle();
  }

  private static List<String> titles(JsonNode response) {
    List<String> titles = new ArrayList<>();
    response.get("results").forEach(r -> titles.add(r.get("title").asText()));
    return titles;
  }

  private static long facet(JsonNode response, String facet, String value) {
    for (JsonNode bucket : response.get("facets").get(facet)) {
      if (bucket.get("value").asText().equals(value)) {
        return bucket.get("count").asLong();
      }
    }
    return 0;
  }

  @Test
  void aPhraseMatchesOnlyTheWordsInOrder() {
    assertEquals(
        List.of("Fuel Taxes Spark Protests"),
        titles(cloud.search("\"fuel taxes spark\"", "kind=headline")));
    assertEquals(0, cloud.search("\"taxes fuel\"").get("total").get("value").asInt());
  }

  @Test
  void requiredAndExcludedTermsFilterTheMatches() {
    JsonNode both = cloud.search("+fuel +protests", "kind=article");
    assertEquals(1, both.get("total").get("value").asInt());
    JsonNode without = cloud.search("fuel -protests", "kind=article");
    assertEquals(1, without.get("total").get("value").asInt());
    assertTrue(
        without.get("results").get(0).get("sources").toString().contains("desk/politics/a.txt"));
  }

  @Test
  void andOrAndNotWorkBetweenClauses() {
    assertEquals(
        1, cloud.search("marathon AND berlin", "kind=article").get("total").get("value").asInt());
    assertEquals(
        2, cloud.search("marathon OR budget", "kind=article").get("total").get("value").asInt());
    assertEquals(
        0,
        cloud.search("marathon AND NOT berlin", "kind=article").get("total").get("value").asInt());
  }

  @Test
  void aPrefixMatchesEveryTermStartingWithIt() {
    Set<String> titles = new HashSet<>(titles(cloud.search("marath*", "kind=headline")));
    assertEquals(Set.of("Marathon Record Falls In Berlin"), titles);
  }

  @Test
  void malformedSyntaxIsSearchedAsPlainWordsWithANote() {
    JsonNode response = cloud.search("\"fuel taxes");
    assertTrue(response.get("total").get("value").asInt() > 0);
    assertTrue(
        response.get("notes").get(0).asText().contains("unclosed quote"), response.toString());
  }

  @Test
  void sourceFilterTakesAKeyOrAPrefix() {
    JsonNode desk = cloud.search("fuel", "source=desk/politics/");
    desk.get("results")
        .forEach(r -> assertTrue(r.get("sources").toString().contains("desk/politics/")));
    assertEquals(3, desk.get("total").get("value").asInt(), desk.toString());
    JsonNode one = cloud.search("fuel", "source=desk/politics/b.txt");
    assertEquals(2, one.get("total").get("value").asInt(), one.toString());
  }

  @Test
  void eachFacetCountsMatchesUnderEveryOtherFilter() {
    JsonNode all = cloud.search("fuel");
    JsonNode headlinesOnly = cloud.search("fuel", "kind=headline");
    assertEquals(
        facet(all, "kind", "article"),
        facet(headlinesOnly, "kind", "article"),
        "the kind facet ignores the kind filter");
    assertEquals(facet(all, "kind", "headline"), headlinesOnly.get("total").get("value").asLong());
    assertEquals(2, facet(all, "kind", "article"));
    assertEquals(1, facet(all, "kind", "headline"));
    assertEquals(2, facet(all, "source", "desk/politics/a.txt"));
    assertEquals(
        2,
        facet(headlinesOnly, "source", "desk/politics/b.txt")
            + facet(headlinesOnly, "source", "desk/politics/a.txt"));
    JsonNode oneSource = cloud.search("fuel", "source=desk/politics/b.txt");
    assertEquals(
        facet(all, "source", "desk/politics/a.txt"),
        facet(oneSource, "source", "desk/politics/a.txt"),
        "the source facet ignores the source filter");
  }

  @Test
  void followingTheCursorYieldsEveryMatchOnceInScoreOrder() {
    JsonNode first = cloud.search("weather rain", "limit=4");
    int total = first.get("total").get("value").asInt();
    assertEquals(46, total, "23 articles and 23 headlines mention the weather");
    List<String> ids = new ArrayList<>();
    List<Double> scores = new ArrayList<>();
    JsonNode page = first;
    while (true) {
      page.get("results")
          .forEach(
              r -> {
                ids.add(r.get("id").asText());
                scores.add(r.get("score").asDouble());
              });
      if (!page.has("next_cursor")) {
        break;
      }
      page = cloud.search("weather rain", "limit=4&cursor=" + page.get("next_cursor").asText());
    }
    assertEquals(total, ids.size());
    assertEquals(total, new HashSet<>(ids).size(), "no match twice");
    for (int i = 1; i < scores.size(); i++) {
      assertTrue(scores.get(i) <= scores.get(i - 1), "score order at " + i);
    }
  }

  @Test
  void aChangedOrForeignCursorIsRefused() {
    String cursor = cloud.search("weather", "limit=2").get("next_cursor").asText();
    char fifth = cursor.charAt(5);
    String tampered = cursor.substring(0, 5) + (fifth == 'A' ? 'B' : 'A') + cursor.substring(6);
    TestCloud.Answer changed = cloud.get("/search?q=weather&limit=2&cursor=" + tampered);
    assertEquals(400, changed.status());
    assertTrue(changed.body().get("error").get("message").asText().contains("cursor"));
    TestCloud.Answer foreign = cloud.get("/search?q=rain&limit=2&cursor=" + cursor);
    assertEquals(400, foreign.status());
    assertTrue(foreign.body().get("error").get("message").asText().contains("different search"));
  }

  @Test
  void withoutAQueryDocumentsAreListedNewestFirstWithFilters() {
    JsonNode listing = cloud.get("/search?kind=article&source=desk/paged/&limit=5").body();
    assertEquals(23, listing.get("total").get("value").asInt());
    List<String> times = new ArrayList<>();
    listing.get("results").forEach(r -> times.add(r.get("ingested_at").asText()));
    List<String> sorted = new ArrayList<>(times);
    sorted.sort(java.util.Comparator.reverseOrder());
    assertEquals(sorted, times);
    assertTrue(listing.has("next_cursor"));
  }

  @Test
  void sortNewestOrdersMatchesByIngestTime() {
    JsonNode newest = cloud.search("weather", "sort=newest&kind=article&limit=23");
    List<String> times = new ArrayList<>();
    newest.get("results").forEach(r -> times.add(r.get("ingested_at").asText()));
    List<String> sorted = new ArrayList<>(times);
    sorted.sort(java.util.Comparator.reverseOrder());
    assertEquals(sorted, times);
  }

  @Test
  void snippetsMarkMatchesAndEscapeEverythingElse() {
    JsonNode hit = cloud.search("script injection", "kind=article").get("results").get(0);
    String snippet = hit.get("snippet").asText();
    assertTrue(snippet.contains("&lt;<em>script</em>&gt;"), snippet);
    assertTrue(snippet.contains("&amp;"), snippet);
    assertFalse(snippet.replace("<em>", "").replace("</em>", "").contains("<"), snippet);
    String headline =
        cloud
            .search("escaping matters", "kind=headline")
            .get("results")
            .get(0)
            .get("snippet")
            .asText();
    assertTrue(headline.contains("&lt;b&gt;<em>Matters</em>&lt;/b&gt;"), headline);
  }

  @Test
  void theSnippetIsTheBestPassageNotTheStart() {
    String snippet =
        cloud.search("runner crowd", "kind=article").get("results").get(0).get("snippet").asText();
    assertTrue(snippet.startsWith("The <em>runner</em>"), snippet);
  }

  @Test
  void suggestionsCompleteWordsAndHeadlinesMostCommonFirst() {
    JsonNode response = cloud.get("/suggest?prefix=ukr").body();
    List<String> texts = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    response
        .get("suggestions")
        .forEach(
            s -> {
              texts.add(s.get("text").asText());
              counts.add(s.get("count").asLong());
            });
    assertEquals("ukraine", texts.get(0), texts.toString());
    assertTrue(texts.contains("ukrainian"), texts.toString());
    assertTrue(
        texts.stream().anyMatch(t -> t.startsWith("Ukraine Claims First-Ever")), texts.toString());
    for (int i = 1; i < counts.size(); i++) {
      assertTrue(counts.get(i) <= counts.get(i - 1), "most common first: " + counts);
    }
    assertNotEquals(
        0,
        cloud.get("/suggest?prefix=negotiat").body().get("suggestions").size(),
        "a prefix longer than the stem still finds the words");
    assertEquals(400, cloud.get("/suggest?prefix=u").status());
  }
}
