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
      uploads.add(pool.submit(() -> cloud.upload(generator.key(n), generator.file(n))));
    }
    for (Future<?> f : uploads) {
      f.get();
    }
    pool.shutdown();
    cloud.settle(java.time.Duration.ofMinutes(8));
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
          d.text());
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
