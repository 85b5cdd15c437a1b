package org.newsindex.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.newsindex.TestProject;
import org.newsindex.analysis.TextAnalyzer;
import org.newsindex.analysis.Token;
import org.newsindex.bench.LuceneIndex;
import org.newsindex.generate.CorpusGenerator;
import org.newsindex.index.Deadline;
import org.newsindex.index.IndexSnapshot;
import org.newsindex.index.IndexTable;
import org.newsindex.index.IndexWriter;
import org.newsindex.index.Lease;
import org.newsindex.index.PostingListEditor;
import org.newsindex.index.StoredDocument;
import org.newsindex.index.TermDirectory;
import org.newsindex.ingest.IngestService;
import org.newsindex.ingest.SourceEvent;
import org.newsindex.search.QueryParser;
import org.newsindex.search.SearchHit;
import org.newsindex.search.SearchRequest;
import org.newsindex.search.SearchResult;
import org.newsindex.search.Searcher;

/**
 * Posting lists longer than the tracking horizon are read best first and only as far as the top
 * results need: with small chunks (so common terms span dozens of them) and a small horizon, the
 * top ten still agree with Lucene exactly, and the search reads a fraction of the lists. The last
 * files are folded one at a time, so the common terms' lists keep tails and sealed runs outside
 * their order.
 */
class BestFirstReadingTest {
  private static final int FILES = 150;
  private static final int LATE_FILES = 20;
  private static final int CHUNK_BYTES = 512;
  private static final int HORIZON = 40;

  @RegisterExtension static final TestCloud cloud = TestCloud.empty();
  private static IsolatedIngest ingest;
  private static LuceneIndex lucene;
  private static Map<Long, StoredDocument> documents;
  private static Searcher searcher;

  @BeforeAll
  static void ingestInBulk() throws Exception {
    ingest = new IsolatedIngest(cloud);
    CorpusGenerator generator = new CorpusGenerator(TestProject.seedTexts(), FILES + LATE_FILES, 3);
    IngestService service = ingest.service(Optional.empty(), Duration.ofSeconds(60), CHUNK_BYTES);
    IndexTable table = new IndexTable(cloud.dynamoDb, ingest.table);
    // Hold the compactor's lease while recording, as a busy compactor would, then fold all at once.
    Lease busy = new Lease(table, IndexWriter.LEASE, "busy", Clock.systemUTC());
    assertTrue(busy.tryAcquire(Duration.ofMinutes(5)));
    for (int i = 0; i < FILES; i++) {
      SourceEvent event = ingest.put(generator.key(i), generator.file(i));
      IsolatedIngest.handle(service, event);
    }
    busy.release();
    service.writeIfFree(Deadline.after(Duration.ofMinutes(5)));
    // Then files one at a time, each folded as it comes: the common terms' new postings gather in
    // their lists' tails, sealed as runs every few files, the runs merged into the chunks when
    // many.
    for (int i = FILES; i < FILES + LATE_FILES; i++) {
      IsolatedIngest.handle(service, ingest.put(generator.key(i), generator.file(i)));
      service.writeIfFree(Deadline.after(Duration.ofMinutes(1)));
    }
    IndexSnapshot snapshot = ingest.snapshot();
    long tailed =
        snapshot.directories().values().stream()
            .filter(
                d ->
                    d.chunks().size() > 1
                        && d.chunks().stream().anyMatch(c -> c.id() == TermDirectory.INLINE))
            .count();
    assertTrue(tailed >= 10, "common terms' lists should keep tails: " + tailed);
    long withRuns =
        snapshot.directories().values().stream()
            .filter(d -> d.chunks().stream().anyMatch(c -> PostingListEditor.isRun(c.id())))
            .count();
    assertTrue(withRuns >= 5, "common terms' full tails should be sealed as runs: " + withRuns);
    assertTrue(snapshot.pendingFiles().isEmpty(), snapshot.pendingFiles().toString());
    documents = snapshot.documents();
    lucene = new LuceneIndex(new TextAnalyzer().luceneAnalyzer());
    documents
        .values()
        .forEach(
            d ->
                lucene.add(
                    d.ord(),
                    d.kind().label(),
                    d.sourceOrds().stream().mapToInt(Integer::intValue).toArray(),
                    d.text()));
    searcher =
        new Searcher(table, new TextAnalyzer(), "k".getBytes(StandardCharsets.UTF_8), HORIZON);
    ingest.assertConsistent("");
  }

  @AfterAll
  static void stop() throws Exception {
    if (lucene != null) {
      lucene.close();
    }
  }

  /** The directories of the most common terms: their lists span many chunks. */
  private static List<TermDirectory> commonDirectories(IndexSnapshot snapshot, int n) {
    return snapshot.directories().values().stream()
        .filter(d -> !d.term().equals(TermDirectory.ALL_DOCUMENTS))
        .sorted((a, b) -> Integer.compare(b.docFreq(), a.docFreq()))
        .limit(n)
        .toList();
  }

  /** The most common terms, as a query writes them. */
  private static List<String> commonTerms(int n) {
    return commonDirectories(ingest.snapshot(), n).stream().map(d -> d.forms().get(0)).toList();
  }

  @Test
  void commonTermsSpanManyChunksAndTheirTopTenStillAgreeWithLucene() {
    List<String> common = commonTerms(12);
    List<String> queries = new ArrayList<>();
    for (int i = 0; i < common.size(); i++) {
      queries.add(common.get(i));
      queries.add(common.get(i) + " " + common.get((i + 3) % common.size()));
      queries.add("+" + common.get(i) + " -" + common.get((i + 5) % common.size()));
    }
    QueryParser parser = new QueryParser(new TextAnalyzer());
    for (String q : queries) {
      SearchResult ours = searcher.search(SearchRequest.of(q));
      List<LuceneIndex.Hit> expected =
          lucene.search(parser.parse(q).query(), Set.of(), Set.of(), 10);
      assertEquals(
          expected.stream().map(LuceneIndex.Hit::ord).toList(),
          ours.hits().stream().map(SearchHit::ord).toList(),
          q);
      for (int i = 0; i < expected.size(); i++) {
        assertEquals(
            expected.get(i).score(), ours.hits().get(i).score(), expected.get(i).score() * 1e-4, q);
      }
    }
  }

  @Test
  void aCommonTermReadsAFractionOfItsListAndReportsALowerBound() {
    String term = commonTerms(1).get(0);
    TermDirectory directory =
        ingest.snapshot().directories().values().stream()
            .filter(d -> d.forms().contains(term))
            .findFirst()
            .orElseThrow();
    assertTrue(
        directory.chunks().size() > 10,
        "the list should span many chunks: " + directory.chunks().size());
    SearchResult result = searcher.search(SearchRequest.of(term));
    // The term's and the corpus's directories, the ten documents shown, the source facet's file
    // keys.
    long fixedCost = 2 + 10 + Searcher.SOURCE_FACET_SIZE;
    assertTrue(
        result.itemsRead() - fixedCost < directory.chunks().size() / 2,
        "read "
            + result.itemsRead()
            + " items for a list of "
            + directory.chunks().size()
            + " chunks");
    assertTrue(
        !result.totalExact() && result.total() >= HORIZON,
        "a lower bound past the horizon: " + result.total());
  }

  @Test
  void aPhraseOfCommonWordsThatFewDocumentsHoldReadsTheirListsRatherThanEveryCandidate() {
    IndexSnapshot snapshot = ingest.snapshot();
    Set<String> common =
        Set.copyOf(commonDirectories(snapshot, 12).stream().map(TermDirectory::term).toList());
    TextAnalyzer analyzer = new TextAnalyzer();
    QueryParser parser = new QueryParser(analyzer);
    String phrase = null;
    List<String> words = null;
    for (StoredDocument d : documents.values()) {
      List<Token> tokens = analyzer.tokens(d.text());
      for (int i = 0; i + 1 < tokens.size() && phrase == null; i++) {
        Token a = tokens.get(i);
        Token b = tokens.get(i + 1);
        String text = d.text().substring(a.startOffset(), b.endOffset());
        if (!a.term().equals(b.term())
            && common.contains(a.term())
            && common.contains(b.term())
            && b.position() == a.position() + 1
            && !text.contains("\"")
            && !text.contains("\n")) {
          String q = "\"" + text + "\"";
          int matches = lucene.search(parser.parse(q).query(), Set.of(), Set.of(), 1_000).size();
          if (matches < 10) {
            phrase = q;
            words = List.of(a.term(), b.term());
          }
        }
      }
    }
    assertTrue(phrase != null, "some document should hold two common words side by side");
    SearchResult result = searcher.search(SearchRequest.of(phrase));
    List<LuceneIndex.Hit> expected =
        lucene.search(parser.parse(phrase).query(), Set.of(), Set.of(), 10);
    assertEquals(
        expected.stream().map(LuceneIndex.Hit::ord).toList(),
        result.hits().stream().map(SearchHit::ord).toList(),
        phrase);
    assertTrue(result.totalExact(), phrase);
    assertEquals(expected.size(), result.total(), phrase);
    // Fewer than ten documents hold the phrase, so no score bounds the rest: the search must see
    // every document holding both words. Their lists cost a few items; every such document, one
    // item each, would cost many more.
    int chunks = words.stream().mapToInt(w -> snapshot.directories().get(w).chunks().size()).sum();
    long fixedCost = 3 + expected.size() + Searcher.SOURCE_FACET_SIZE;
    assertTrue(
        result.itemsRead() <= fixedCost + chunks,
        phrase + " read " + result.itemsRead() + " items for lists of " + chunks + " chunks");
  }
}
