package org.newsindex.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.newsindex.TestProject;
import org.newsindex.analysis.TextAnalyzer;
import org.newsindex.bench.LuceneIndex;
import org.newsindex.generate.CorpusGenerator;
import org.newsindex.index.IndexSnapshot;
import org.newsindex.index.StoredDocument;
import org.newsindex.search.MoreLikeThis;
import org.newsindex.search.QueryParser;

/**
 * The ranking contract: for the seed corpus plus 1,000 generated articles, ingested through S3 into
 * the local cloud, every query of a set of several hundred (single words, several words, phrases,
 * exclusions, boolean syntax, prefixes, kind filters) returns over HTTP the same top ten as Lucene
 * itself on the same documents with the same analyzer and BM25Similarity, in the same order (ties
 * by ordinal), with scores equal to 1e-4 relative, and the same number of matches.
 */
class LuceneAgreementTest {
  static final int GENERATED_ARTICLES = 1_000;
  static final int QUERIES_PER_KIND = 50;

  @RegisterExtension static final TestCloud cloud = TestCloud.seeded();
  private static LuceneIndex lucene;
  private static Map<Long, StoredDocument> documents;
  private static Map<String, Long> ordsById;

  @BeforeAll
  static void ingest() throws Exception {
    CorpusGenerator generator = new CorpusGenerator(TestProject.seedTexts(), GENERATED_ARTICLES, 7);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> uploads = new ArrayList<>();
    for (int i = 0; i < GENERATED_ARTICLES; i++) {
      int n = i;
      uploads.add(
          pool.submit(
              () -> cloud.upload(generator.key(n), generator.file(n), generator.metadata(n))));
    }
    for (Future<?> f : uploads) {
      f.get();
    }
    pool.shutdown();
    cloud.settleAll(java.time.Duration.ofMinutes(8));
    IndexSnapshot snapshot = IndexSnapshot.load(cloud.dynamoDb, cloud.cloud.table());
    assertTrue(
        snapshot.pendingFiles().isEmpty(), "files still pending: " + snapshot.pendingFiles());
    documents = new TreeMap<>(snapshot.documents());
    ordsById = new HashMap<>();
    lucene = new LuceneIndex(new TextAnalyzer().luceneAnalyzer());
    for (StoredDocument d : documents.values()) {
      ordsById.put(d.id(), d.ord());
      lucene.add(
          d.ord(),
          d.kind().label(),
          d.sourceOrds().stream().mapToInt(Integer::intValue).toArray(),
          d.text(),
          d.published().getEpochSecond());
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (lucene != null) {
      lucene.close();
    }
  }

  @Test
  void theCorpusHoldsTheGeneratedArticles() {
    assertEquals(
        GENERATED_ARTICLES + 2,
        documents.values().stream().filter(d -> d.kind().label().equals("article")).count());
  }

  @Test
  void everyQueryAgreesWithLucene() {
    List<QuerySet.Query> queries =
        QuerySet.from(new ArrayList<>(documents.values()), QUERIES_PER_KIND, 11);
    QueryParser parser = new QueryParser(new TextAnalyzer());
    Map<String, Integer> checked = new TreeMap<>();
    List<String> disagreements = new ArrayList<>();
    for (QuerySet.Query query : queries) {
      TestCloud.Answer answer =
          cloud.get(
              "/search?limit=10&q="
                  + TestCloud.encode(query.q())
                  + (query.filter().isEmpty() ? "" : "&kind=" + query.filter()));
      if (answer.status() == 400) {
        continue; // e.g. a generated word that is a stop word once analyzed alone
      }
      assertEquals(200, answer.status(), query + " -> " + answer.body());
      List<LuceneIndex.Hit> expected =
          lucene.search(
              parser.parse(query.q()).query(),
              query.filter().isEmpty() ? Set.of() : Set.of(query.filter()),
              Set.of(),
              10);
      String problem = compare(query, answer.body(), expected);
      if (problem != null) {
        disagreements.add(problem);
      }
      checked.merge(query.kind(), 1, Integer::sum);
    }
    assertTrue(
        disagreements.isEmpty(),
        disagreements.size() + " disagreements:\n" + String.join("\n", disagreements));
    for (String kind : List.of("single", "several", "phrase", "exclusion", "boolean", "filter")) {
      assertTrue(
          checked.getOrDefault(kind, 0) >= QUERIES_PER_KIND * 9 / 10,
          "too few " + kind + " queries: " + checked);
    }
    assertTrue(checked.getOrDefault("prefix", 0) >= 5, checked.toString());
  }

  @Test
  void dateFilteredAndDateSortedQueriesAgreeWithLucene() {
    List<QuerySet.Query> queries =
        QuerySet.from(new ArrayList<>(documents.values()), 10, 13).stream()
            .filter(q -> q.kind().equals("single") || q.kind().equals("several"))
            .toList();
    QueryParser parser = new QueryParser(new TextAnalyzer());
    java.util.Random random = new java.util.Random(17);
    List<String> disagreements = new ArrayList<>();
    int checked = 0;
    for (QuerySet.Query query : queries) {
      java.time.Instant from = CorpusGenerator.FIRST_DAY.plusSeconds(86_400L * random.nextInt(200));
      java.time.Instant to = from.plusSeconds(86_400L * (30 + random.nextInt(150)));
      for (LuceneIndex.Order order : LuceneIndex.Order.values()) {
        TestCloud.Answer answer =
            cloud.get(
                "/search?limit=10&q="
                    + TestCloud.encode(query.q())
                    + "&from="
                    + from
                    + "&to="
                    + to
                    + "&sort="
                    + order.name().toLowerCase(java.util.Locale.ROOT));
        if (answer.status() == 400) {
          continue;
        }
        assertEquals(200, answer.status(), query + " -> " + answer.body());
        List<LuceneIndex.Hit> expected =
            lucene.search(
                parser.parse(query.q()).query(),
                Set.of(),
                Set.of(),
                from.getEpochSecond(),
                to.getEpochSecond(),
                order,
                10);
        String problem = compare(query, answer.body(), expected);
        if (problem != null) {
          disagreements.add(order + " " + from + ".." + to + " " + problem);
        }
        checked++;
      }
    }
    assertTrue(
        disagreements.isEmpty(),
        disagreements.size() + " disagreements:\n" + String.join("\n", disagreements));
    assertTrue(checked >= 30, "only " + checked + " checked");
  }

  @Test
  void histogramCountsEqualCountsOverLucenesMatches() {
    QueryParser parser = new QueryParser(new TextAnalyzer());
    int checked = 0;
    for (QuerySet.Query query : QuerySet.from(new ArrayList<>(documents.values()), 10, 19)) {
      if (!query.kind().equals("single")) {
        continue;
      }
      TestCloud.Answer answer =
          cloud.get(
              "/search?limit=1&histogram=month&from=2030-01-01&q=" + TestCloud.encode(query.q()));
      if (answer.status() != 200) {
        continue;
      }
      Map<String, Long> expected = new TreeMap<>();
      for (LuceneIndex.Hit h :
          lucene.search(parser.parse(query.q()).query(), Set.of(), Set.of(), Integer.MAX_VALUE)) {
        expected.merge(
            org.newsindex.search.Histogram.MONTH.start(h.published()).toString(), 1L, Long::sum);
      }
      Map<String, Long> ours = new TreeMap<>();
      answer
          .body()
          .get("facets")
          .get("published")
          .forEach(b -> ours.put(b.get("start").asText(), b.get("count").asLong()));
      assertEquals(expected, ours, query.q());
      assertEquals(0, answer.body().get("total").get("value").asInt());
      checked++;
    }
    assertTrue(checked >= 5, "only " + checked + " checked");
  }

  @Test
  void relatedDocumentsAreWhatLucenesMoreLikeThisFinds() {
    List<StoredDocument> sample = new ArrayList<>();
    java.util.Random random = new java.util.Random(23);
    List<StoredDocument> all = new ArrayList<>(documents.values());
    for (String kind : List.of("article", "headline")) {
      List<StoredDocument> ofKind =
          all.stream().filter(d -> d.kind().label().equals(kind)).toList();
      for (int i = 0; i < 25; i++) {
        sample.add(ofKind.get(random.nextInt(ofKind.size())));
      }
    }
    List<String> disagreements = new ArrayList<>();
    int nonEmpty = 0;
    for (StoredDocument d : sample) {
      TestCloud.Answer answer = cloud.get("/documents/" + d.id() + "/related?limit=10");
      assertEquals(200, answer.status(), d.id() + " -> " + answer.body());
      MoreLikeThis.Parameters p = MoreLikeThis.parameters(d.kind());
      List<LuceneIndex.Hit> expected =
          lucene.related(d.ord(), p.minTermFreq(), p.minDocFreq(), p.maxQueryTerms(), 10);
      String problem =
          compare(new QuerySet.Query("related", "related " + d.id(), ""), answer.body(), expected);
      if (problem != null) {
        disagreements.add(problem);
      }
      if (!expected.isEmpty()) {
        nonEmpty++;
      }
    }
    assertTrue(
        disagreements.isEmpty(),
        disagreements.size() + " disagreements:\n" + String.join("\n", disagreements));
    assertTrue(nonEmpty >= 40, "only " + nonEmpty + " of 50 documents have related ones");
  }

  private static String compare(
      QuerySet.Query query, JsonNode body, List<LuceneIndex.Hit> expected) {
    JsonNode results = body.get("results");
    List<Long> ours = new ArrayList<>();
    results.forEach(r -> ours.add(ordsById.get(r.get("id").asText())));
    List<Long> theirs = expected.stream().map(LuceneIndex.Hit::ord).toList();
    if (!ours.equals(theirs)) {
      return query + ": ours " + ours + " lucene " + theirs;
    }
    for (int i = 0; i < expected.size(); i++) {
      float e = expected.get(i).score();
      float a = (float) results.get(i).get("score").asDouble();
      if (Math.abs(a - e) > Math.abs(e) * 1e-4) {
        return query + ": score of hit " + i + " is " + a + ", Lucene says " + e;
      }
    }
    return null;
  }
}
