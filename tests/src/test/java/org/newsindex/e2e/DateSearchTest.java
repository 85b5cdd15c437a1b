package org.newsindex.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Searching by publication time over the HTTP API: {@code from}/{@code to} (inclusive, exclusive;
 * dates, instants, date math), {@code sort=newest|oldest} with cursors, and the {@code histogram}
 * facet, each combined with the other filters; filtering leaves scores as they are.
 */
class DateSearchTest {
  @RegisterExtension static final TestCloud cloud = TestCloud.empty();

  /** Eight stories about owls, one a month from March 2026, alternating desks. */
  private static final List<String> MONTHS =
      List.of(
          "2026-03-15",
          "2026-04-15",
          "2026-05-15",
          "2026-06-15",
          "2026-07-15",
          "2026-08-15",
          "2026-09-15",
          "2026-10-15");

  @BeforeAll
  static void upload() {
    for (int i = 0; i < MONTHS.size(); i++) {
      String desk = i % 2 == 0 ? "east" : "west";
      cloud.upload(
          desk + "/owl-" + i + ".txt",
          Corpora.article("Owls nest in the old barn, report number " + i + "."),
          Map.of("published", MONTHS.get(i) + "T10:00:00Z"));
    }
    cloud.upload(
        "west/2026/11/20/late.txt", Corpora.article("A late owl story without metadata owls."));
    cloud.settle();
  }

  private static List<String> published(JsonNode body) {
    List<String> out = new ArrayList<>();
    body.get("results").forEach(h -> out.add(h.get("published").asText().substring(0, 10)));
    return out;
  }

  @Test
  void fromIsInclusiveAndToExclusive() {
    JsonNode body = cloud.search("owls", "from=2026-05-15T10:00:00Z&to=2026-07-15T10:00:00Z");
    assertEquals(List.of("2026-05-15", "2026-06-15"), published(body).stream().sorted().toList());
    assertEquals(2, body.get("total").get("value").asInt());
  }

  @Test
  void filteringDoesNotChangeScores() {
    Map<String, Double> all = new java.util.HashMap<>();
    cloud
        .search("owls barn", "limit=20")
        .get("results")
        .forEach(h -> all.put(h.get("id").asText(), h.get("score").asDouble()));
    JsonNode filtered = cloud.search("owls barn", "from=2026-06-01&to=2026-09-01");
    assertEquals(3, filtered.get("results").size());
    filtered
        .get("results")
        .forEach(h -> assertEquals(all.get(h.get("id").asText()), h.get("score").asDouble()));
  }

  @Test
  void newestAndOldestOrderByPublicationTimeAndPageWithCursors() {
    List<String> newest = new ArrayList<>();
    String cursor = "";
    for (int page = 0; page < 5; page++) {
      JsonNode body =
          cloud.search(
              "owls", "sort=newest&limit=2" + (cursor.isEmpty() ? "" : "&cursor=" + cursor));
      newest.addAll(published(body));
      if (!body.has("next_cursor")) {
        break;
      }
      cursor = body.get("next_cursor").asText();
    }
    List<String> expected = new ArrayList<>(MONTHS);
    expected.add("2026-11-20");
    List<String> reversed = new ArrayList<>(expected);
    java.util.Collections.reverse(reversed);
    assertEquals(reversed, newest);
    assertEquals(expected.subList(0, 3), published(cloud.search("owls", "sort=oldest&limit=3")));
  }

  @Test
  void aListingWithoutQueryIsByPublicationTimeAndTakesTheDateFilter() {
    JsonNode newest = cloud.get("/search?limit=3").body();
    assertEquals(List.of("2026-11-20", "2026-10-15", "2026-09-15"), published(newest));
    JsonNode oldest = cloud.get("/search?sort=oldest&limit=2&from=2026-04-01").body();
    assertEquals(List.of("2026-04-15", "2026-05-15"), published(oldest));
    JsonNode next =
        cloud
            .get(
                "/search?sort=oldest&limit=2&from=2026-04-01&cursor="
                    + oldest.get("next_cursor").asText())
            .body();
    assertEquals(List.of("2026-06-15", "2026-07-15"), published(next));
  }

  @Test
  void theHistogramCountsEveryMatchUnderEveryFilterButTheDateFilter() {
    JsonNode body = cloud.search("owls", "histogram=month&source=east/&from=2026-09-01");
    JsonNode buckets = body.get("facets").get("published");
    List<String> starts = new ArrayList<>();
    buckets.forEach(
        b -> {
          starts.add(b.get("start").asText());
          assertEquals(1, b.get("count").asInt());
        });
    assertEquals(
        List.of(
            "2026-03-01T00:00:00Z",
            "2026-05-01T00:00:00Z",
            "2026-07-01T00:00:00Z",
            "2026-09-01T00:00:00Z"),
        starts);
    assertEquals(1, body.get("total").get("value").asInt());
    assertTrue(!cloud.search("owls").get("facets").has("published"));
  }

  @Test
  void dateMathIsRelativeToNow() {
    assertEquals(0, cloud.search("owls", "from=now%2Fd").get("total").get("value").asInt());
    assertEquals(
        9, cloud.search("owls", "from=now-20y&to=now%2B1d").get("total").get("value").asInt());
  }

  @Test
  void relatedFindsTheStoriesSharingAFrequentWordOrSaysWhyNone() {
    // The late story names owls twice, in 9 stories in all: MoreLikeThis asks for "owl".
    String late = cloud.search("late", "").get("results").get(0).get("id").asText();
    JsonNode related = cloud.get("/documents/" + late + "/related?limit=20").body();
    assertEquals(MONTHS.size(), related.get("results").size(), related.toString());
    related.get("results").forEach(h -> assertTrue(!h.get("id").asText().equals(late)));
    // Every other story names owls once: no word occurs twice, so nothing is asked.
    String once = cloud.search("number", "limit=1").get("results").get(0).get("id").asText();
    TestCloud.Answer none = cloud.get("/documents/" + once + "/related");
    assertEquals(200, none.status(), none.text());
    assertEquals(0, none.body().get("results").size());
    assertTrue(none.body().get("notes").get(0).asText().contains("at least 2 times"));
    assertEquals(404, cloud.get("/documents/a0000000000000000/related").status());
    assertEquals(400, cloud.get("/documents/" + once + "/related?limit=0").status());
    assertEquals(400, cloud.get("/documents/" + once + "/related?q=owls").status());
  }

  @Test
  void aBadDateIsA400ThatSaysWhatWasExpected() {
    for (String bad : List.of("from=yesterday", "to=2026-13-01", "from=now-7x", "histogram=hour")) {
      TestCloud.Answer a = cloud.get("/search?q=owls&" + bad);
      assertEquals(400, a.status(), bad);
      assertEquals("bad_request", a.body().get("error").get("code").asText());
    }
    TestCloud.Answer a = cloud.get("/search?q=owls&from=yesterday");
    assertTrue(a.body().get("error").get("message").asText().contains("now-7d"), a.text());
    TestCloud.Answer reversed = cloud.get("/search?q=owls&from=2026-06-01&to=2026-05-01");
    assertEquals(400, reversed.status());
  }
}
