package org.newsindex.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's promise: start the local cloud on the seeds and search them over HTTP. */
class SeedCorpusSearchTest {
  @RegisterExtension static final TestCloud cloud = TestCloud.seeded();

  private static List<String> titles(JsonNode response) {
    List<String> titles = new ArrayList<>();
    response.get("results").forEach(r -> titles.add(r.get("title").asText()));
    return titles;
  }

  @Test
  void istanbulFindsTheArticleOfTheFirstSeedFirst() {
    JsonNode first = cloud.search("istanbul").get("results").get(0);
    assertEquals("article", first.get("kind").asText());
    assertEquals("[\"000_722cfe8b9ac581af.txt\"]", first.get("sources").toString());
    assertTrue(first.get("snippet").asText().contains("<em>Istanbul</em>"), first.toString());
  }

  @Test
  void jimmyLaiFindsBothJimmyLaiHeadlinesFirst() {
    List<String> top = titles(cloud.search("jimmy lai")).subList(0, 2);
    assertTrue(
        top.contains("Jimmy Lai Convicted Under Hong Kong National Security Law in Landmark Case"),
        top.toString());
    assertTrue(
        top.contains(
            "Supporters Gather Ahead of Verdict in Jimmy Lai’s Landmark Hong Kong National Security"
                + " Trial"),
        top.toString());
  }

  @Test
  void aHeadlineListedByBothFilesIsOneResultWithBothSources() {
    String headline =
        "Syria Arrests Five Suspects After Deadly Attack on U.S. and Syrian Troops in Palmyra";
    JsonNode results = cloud.search("\"" + headline + "\"").get("results");
    assertEquals(1, results.size(), results.toString());
    assertEquals(headline, results.get(0).get("title").asText());
    List<String> sources = new ArrayList<>();
    results.get(0).get("sources").forEach(s -> sources.add(s.asText()));
    Collections.sort(sources);
    assertEquals(List.of("000_722cfe8b9ac581af.txt", "004_21e9f79080c6869e.txt"), sources);
    assertEquals(2, results.get(0).get("source_count").asInt());
  }

  @Test
  void healthCountsTheSeedDocuments() {
    TestCloud.Answer health = cloud.get("/health");
    assertEquals(200, health.status());
    assertEquals(2, health.body().get("documents").get("article").asInt());
    assertEquals(30, health.body().get("documents").get("headline").asInt());
  }

  @Test
  void aDocumentIsReadWholeByTheIdSearchGave() {
    JsonNode hit = cloud.search("istanbul").get("results").get(0);
    TestCloud.Answer doc = cloud.get("/documents/" + hit.get("id").asText());
    assertEquals(200, doc.status());
    assertEquals(7, doc.body().get("paragraphs").size());
    assertTrue(doc.body().get("text").asText().contains("Istanbul"));
  }

  @Test
  void kindFilterKeepsOnlyThatKind() {
    JsonNode response = cloud.search("ukraine", "kind=headline&limit=50");
    response.get("results").forEach(r -> assertEquals("headline", r.get("kind").asText()));
    assertTrue(response.get("results").size() > 3);
  }

  @Test
  void errorsAreJsonWithTheRightStatus() {
    assertError(cloud.get("/nowhere"), 404, "not_found");
    assertError(cloud.get("/documents/hffffffffffffffff"), 404, "not_found");
    assertError(cloud.get("/search?q=war&limit=0"), 400, "bad_request");
    assertError(cloud.get("/search?q=war&kind=video"), 400, "bad_request");
    assertError(cloud.get("/search?q=war&limt=5"), 400, "bad_request");
    assertError(cloud.get("/search?q=the"), 400, "bad_request");
  }

  private static void assertError(TestCloud.Answer answer, int status, String code) {
    assertEquals(status, answer.status(), answer.body().toString());
    assertEquals(code, answer.body().get("error").get("code").asText());
    assertTrue(answer.body().get("error").get("message").asText().length() > 10);
  }
}
