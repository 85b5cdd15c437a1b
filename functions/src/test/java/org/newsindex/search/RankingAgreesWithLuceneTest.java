package org.newsindex.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.newsindex.analysis.AnalyzedText;
import org.newsindex.analysis.TextAnalyzer;
import org.newsindex.corpus.CorpusFile;
import org.newsindex.corpus.CorpusParser;
import org.newsindex.corpus.SeedFiles;
import org.newsindex.index.Bm25;
import org.newsindex.index.DocKind;
import org.newsindex.index.DocumentIds;

/**
 * Scores the seed corpus in memory with the query evaluator and with Lucene itself: the same top
 * ten, in the same order, with the same scores. No services: the evaluator alone.
 * (LuceneAgreementTest checks the same through DynamoDB and HTTP on a larger corpus.)
 */
class RankingAgreesWithLuceneTest {
  private static final TextAnalyzer ANALYZER = new TextAnalyzer();
  private static final Map<Long, AnalyzedText> DOCS = new LinkedHashMap<>();
  private static final Map<Long, DocKind> KINDS = new HashMap<>();
  private static LuceneReference lucene;

  @BeforeAll
  static void indexSeeds() throws Exception {
    lucene = new LuceneReference(ANALYZER.luceneAnalyzer());
    CorpusParser parser = new CorpusParser(200_000);
    Map<String, Long> headlineOrds = new HashMap<>();
    long ord = 1;
    for (Path seed : SeedFiles.paths()) {
      CorpusFile file = parser.parse(SeedFiles.bytes(seed));
      add(ord++, DocKind.ARTICLE, file.article().orElseThrow().text());
      for (String h : file.headlines()) {
        if (headlineOrds.putIfAbsent(DocumentIds.headline(h), ord) == null) {
          add(ord++, DocKind.HEADLINE, h);
        }
      }
    }
  }

  private static void add(long ord, DocKind kind, String text) {
    DOCS.put(ord, AnalyzedText.of(ANALYZER.tokens(text)));
    KINDS.put(ord, kind);
    lucene.add(ord, text);
  }

  @AfterAll
  static void close() throws Exception {
    lucene.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "istanbul",
        "jimmy lai",
        "ukraine peace talks",
        "\"peace talks\"",
        "+trump -bbc",
        "russia AND ukraine",
        "bomb*",
        "ukraine NOT drone",
        "\"hong kong\" security",
        "(syria OR palmyra) attack",
        "nuclear bombers strikes",
        "\"talks in istanbul\""
      })
  void topTenAgreeWithLucene(String q) {
    QueryNode.Bool query = new QueryParser(ANALYZER).parse(q).query();
    long docCount = DOCS.values().stream().filter(d -> d.length() > 0).count();
    long sumLength = DOCS.values().stream().mapToLong(AnalyzedText::length).sum();
    Map<String, List<String>> expansions = new HashMap<>();
    collectPrefixes(query, expansions);
    Map<String, Long> docFreqs = new HashMap<>();
    for (String term : QueryEvaluator.terms(query, expansions)) {
      docFreqs.put(term, DOCS.values().stream().filter(d -> d.terms().containsKey(term)).count());
    }
    QueryEvaluator evaluator =
        new QueryEvaluator(
            query,
            new Bm25(docCount, sumLength),
            docFreqs,
            expansions,
            new QueryEvaluator.Lists() {
              @Override
              public boolean complete(String term) {
                return true;
              }

              @Override
              public double unreadBound(String term) {
                return 0;
              }
            });
    List<LuceneReference.Hit> ours = new ArrayList<>();
    DOCS.forEach(
        (ord, doc) -> {
          Candidate c =
              new Candidate(ord, KINDS.get(ord), Bm25.normByte(doc.length()), new int[] {1}, 0);
          doc.terms().forEach((term, o) -> c.put(term, o.positions()));
          float score = evaluator.score(c);
          if (!Float.isNaN(score)) {
            ours.add(new LuceneReference.Hit(ord, score));
          }
        });
    ours.sort(
        Comparator.comparing(LuceneReference.Hit::score)
            .reversed()
            .thenComparing(LuceneReference.Hit::ord));
    List<LuceneReference.Hit> expected = lucene.top(query, 10);
    List<LuceneReference.Hit> actual = ours.subList(0, Math.min(10, ours.size()));
    assertTrue(!expected.isEmpty(), "the query should match something: " + q);
    assertEquals(
        expected.stream().map(LuceneReference.Hit::ord).toList(),
        actual.stream().map(LuceneReference.Hit::ord).toList(),
        q);
    for (int i = 0; i < expected.size(); i++) {
      float e = expected.get(i).score();
      assertEquals(e, actual.get(i).score(), Math.abs(e) * 1e-4, q + " hit " + i);
    }
    assertEquals(lucene.count(query), ours.size(), "match count for " + q);
  }

  private static void collectPrefixes(QueryNode node, Map<String, List<String>> expansions) {
    if (node instanceof QueryNode.Prefix p) {
      Set<String> terms = new TreeSet<>();
      DOCS.values()
          .forEach(
              d ->
                  d.terms().keySet().stream()
                      .filter(t -> t.startsWith(p.prefix()))
                      .forEach(terms::add));
      expansions.put(p.prefix(), List.copyOf(terms));
    } else if (node instanceof QueryNode.Bool b) {
      b.clauses().forEach(c -> collectPrefixes(c.node(), expansions));
    }
  }
}
