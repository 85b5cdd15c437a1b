package org.newsindex.search;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.newsindex.analysis.AnalyzedText;
import org.newsindex.analysis.TextAnalyzer;
import org.newsindex.index.Deadline;
import org.newsindex.index.DocKind;
import org.newsindex.index.DocumentStore;
import org.newsindex.index.IndexTable;
import org.newsindex.index.PostingEntry;
import org.newsindex.index.PostingStore;
import org.newsindex.index.ReadMeter;
import org.newsindex.index.SourceManifest;
import org.newsindex.index.SourceStore;
import org.newsindex.index.StoredDocument;
import org.newsindex.index.TermDirectory;

/**
 * Answers searches from the index. Each query term's postings are read best first, up to the
 * tracking horizon (exact totals and facets up to 10,000 matches, as Elasticsearch tracks them); a
 * term with more postings than that is read only as far as the top results need: reading stops when
 * no unread posting can score above the page's last hit (its rank key bounds its BM25 part). Hits
 * whose terms are not all known from the postings read are completed from their stored text.
 */
public final class Searcher {
  public static final int TRACK_TOTAL_LIMIT = 10_000;
  public static final int MAX_PREFIX_EXPANSIONS = 128;
  public static final int SOURCE_FACET_SIZE = 20;
  static final int MAX_SOURCE_FILES = 10_000;
  private static final int RESOLVE_BATCH = 100;
  private static final int MAX_RESOLVED = 2_000;

  private final IndexTable table;
  private final TextAnalyzer analyzer;
  private final QueryParser parser;
  private final Highlighter highlighter;
  private final byte[] cursorKey;
  private final int horizon;

  public Searcher(IndexTable table, TextAnalyzer analyzer, byte[] cursorKey, int horizon) {
    this.table = table;
    this.analyzer = analyzer;
    this.parser = new QueryParser(analyzer);
    this.highlighter = new Highlighter(analyzer);
    this.cursorKey = cursorKey.clone();
    this.horizon = horizon;
  }

  public Searcher(IndexTable table, TextAnalyzer analyzer, byte[] cursorKey) {
    this(table, analyzer, cursorKey, TRACK_TOTAL_LIMIT);
  }

  public SearchResult search(SearchRequest request) {
    Run run = new Run(request);
    return run.execute();
  }

  /** The state of one search. */
  private final class Run {
    private final SearchRequest request;
    private final ReadMeter meter = new ReadMeter();
    private final IndexTable metered = table.metered(meter);
    private final PostingStore postings = new PostingStore(metered);
    private final DocumentStore documents = new DocumentStore(metered);
    // Inside the query function's 10 s timeout, so a slow search fails as a clean error, not a
    // timeout.
    private final Deadline deadline = Deadline.after(Duration.ofSeconds(8));
    private final List<String> notes = new ArrayList<>();
    private Optional<SourceFilter> sourceFiles = Optional.empty();

    Run(SearchRequest request) {
      this.request = request;
    }

    SearchResult execute() {
      Optional<QueryParser.Parsed> parsed = request.q().map(parser::parse);
      parsed.ifPresent(p -> notes.addAll(p.notes()));
      sourceFiles = request.source().map(this::sourceFileOrds);
      String fingerprint =
          SearchCursor.fingerprint(
              request.q().orElse(""),
              request.kinds().stream()
                  .map(DocKind::label)
                  .sorted()
                  .collect(Collectors.joining(",")),
              request.source().orElse(""),
              request.sort().label());
      Optional<SearchCursor> cursor =
          request.cursor().map(c -> SearchCursor.decode(c, cursorKey, fingerprint));
      return parsed.isPresent()
          ? query(parsed.get().query(), fingerprint, cursor)
          : listing(fingerprint, cursor);
    }

    private SearchResult query(
        QueryNode.Bool query, String fingerprint, Optional<SearchCursor> cursor) {
      Map<String, List<String>> expansions = expand(query);
      Set<String> terms = QueryEvaluator.terms(query, expansions);
      Set<String> positive = QueryEvaluator.positiveTerms(query, expansions);
      Set<String> wanted = new HashSet<>(terms);
      wanted.add(TermDirectory.ALL_DOCUMENTS);
      Map<String, TermDirectory> directories = postings.directories(wanted, false, deadline);
      TermDirectory all =
          directories.getOrDefault(
              TermDirectory.ALL_DOCUMENTS, TermDirectory.empty(TermDirectory.ALL_DOCUMENTS));
      long docCount = cursor.map(SearchCursor::docCount).orElse((long) all.docFreq());
      long sumLength = cursor.map(SearchCursor::sumLength).orElse(all.tfSum());
      Map<String, Long> docFreqs = new HashMap<>();
      for (String term : terms) {
        docFreqs.put(
            term,
            cursor
                .map(c -> c.docFreqs().get(term))
                .orElse(
                    (long)
                        Optional.ofNullable(directories.get(term))
                            .map(TermDirectory::docFreq)
                            .orElse(0)));
      }
      Bm25 bm25 = new Bm25(docCount, sumLength);

      Map<String, TermPostings> lists = new LinkedHashMap<>();
      for (String term : terms) {
        lists.put(
            term, new TermPostings(directories.getOrDefault(term, TermDirectory.empty(term))));
      }
      PostingReader reader = new PostingReader(postings, deadline);
      reader.readUntil(lists.values(), horizon);
      QueryEvaluator.Lists listState =
          new QueryEvaluator.Lists() {
            @Override
            public boolean complete(String term) {
              TermPostings l = lists.get(term);
              return l == null || l.complete();
            }

            @Override
            public double unreadBound(String term) {
              TermPostings l = lists.get(term);
              return l == null ? 0 : l.unreadBound(bm25.avgLength());
            }
          };
      QueryEvaluator evaluator = new QueryEvaluator(query, bm25, docFreqs, expansions, listState);
      Map<Long, Candidate> candidates = new HashMap<>();
      Map<String, Integer> consumed = new HashMap<>();
      Map<String, Map<Long, int[]>> excluding = new HashMap<>();
      absorb(lists, positive, candidates, consumed, excluding);

      Map<Long, Float> scores = new HashMap<>();
      Set<Long> settled = new HashSet<>();
      int k = request.limit() + 1;
      int resolved = 0;
      boolean truncated = false;
      while (true) {
        settle(candidates, evaluator, scores, settled);
        List<Long> ranked = ranked(scores, candidates, cursor);
        double kth =
            request.sort() == SortOrder.RELEVANCE && ranked.size() >= k
                ? scores.get(ranked.get(k - 1))
                : Double.NEGATIVE_INFINITY;
        List<Candidate> pending =
            candidates.values().stream()
                .filter(c -> !settled.contains(c.ord) && passes(c, true, true))
                .toList();
        if (!pending.isEmpty() && resolved < MAX_RESOLVED) {
          List<Candidate> worth =
              pending.stream()
                  .map(c -> Map.entry(c, evaluator.upperBound(c)))
                  .filter(e -> e.getValue() >= kth)
                  .sorted(Map.Entry.<Candidate, Double>comparingByValue().reversed())
                  .limit(RESOLVE_BATCH)
                  .map(Map.Entry::getKey)
                  .toList();
          if (!worth.isEmpty()) {
            resolve(worth, terms);
            resolved += worth.size();
            continue;
          }
        } else if (!pending.isEmpty()) {
          truncated = true;
        }
        boolean incomplete = positive.stream().anyMatch(t -> !lists.get(t).complete());
        if (incomplete
            && evaluator.unseenBound() >= kth
            && request.sort() == SortOrder.RELEVANCE
            && lists.values().stream().mapToInt(l -> l.entries().size()).max().orElse(0)
                < horizon * 20) {
          reader.readNext(lists.values());
          absorb(lists, positive, candidates, consumed, excluding);
          continue;
        }
        if (incomplete) {
          truncated = true;
        }
        break;
      }

      List<Long> ranked = ranked(scores, candidates, cursor);
      boolean exact =
          !truncated && candidates.values().stream().allMatch(c -> settled.contains(c.ord));
      List<Long> page = ranked.subList(0, Math.min(request.limit(), ranked.size()));
      Optional<String> next = Optional.empty();
      if (ranked.size() > request.limit() && !page.isEmpty()) {
        long last = page.get(page.size() - 1);
        float lastScore = request.sort() == SortOrder.RELEVANCE ? scores.get(last) : 0f;
        Map<String, Long> snapshot = new HashMap<>(docFreqs);
        next =
            Optional.of(
                new SearchCursor(fingerprint, lastScore, last, docCount, sumLength, snapshot)
                    .encode(cursorKey));
      }
      Set<String> highlight = positive;
      return result(scores.keySet(), candidates, exact, page, scores, next, highlight);
    }

    /**
     * Turns newly read entries into candidates: entries of terms that can make a document match
     * create candidates; entries of terms that can only exclude one are kept to annotate them.
     */
    private void absorb(
        Map<String, TermPostings> lists,
        Set<String> positive,
        Map<Long, Candidate> candidates,
        Map<String, Integer> consumed,
        Map<String, Map<Long, int[]>> excluding) {
      lists.forEach(
          (term, l) -> {
            List<PostingEntry> entries = l.entries();
            for (int i = consumed.getOrDefault(term, 0); i < entries.size(); i++) {
              PostingEntry e = entries.get(i);
              Candidate c = candidates.get(e.ord());
              if (c == null && positive.contains(term)) {
                c = new Candidate(e.ord(), e.kind(), e.normByte(), e.sources());
                candidates.put(e.ord(), c);
                for (Map.Entry<String, Map<Long, int[]>> x : excluding.entrySet()) {
                  int[] p = x.getValue().get(e.ord());
                  if (p != null) {
                    c.put(x.getKey(), p);
                  }
                }
              }
              if (c != null) {
                c.put(term, e.positions());
              } else {
                excluding.computeIfAbsent(term, t -> new HashMap<>()).put(e.ord(), e.positions());
              }
            }
            consumed.put(term, entries.size());
          });
    }

    private void settle(
        Map<Long, Candidate> candidates,
        QueryEvaluator evaluator,
        Map<Long, Float> scores,
        Set<Long> settled) {
      for (Candidate c : candidates.values()) {
        if (!settled.contains(c.ord) && evaluator.known(c)) {
          settled.add(c.ord);
          float s = evaluator.score(c);
          if (!Float.isNaN(s)) {
            scores.put(c.ord, s);
          }
        }
      }
    }

    /** Completes candidates from their stored text: every query term becomes known. */
    private void resolve(List<Candidate> batch, Set<String> terms) {
      Map<Long, StoredDocument> docs =
          documents.documents(batch.stream().map(c -> c.ord).toList(), false, deadline);
      for (Candidate c : batch) {
        StoredDocument doc = docs.get(c.ord);
        Map<String, int[]> positions = new HashMap<>();
        if (doc != null) {
          AnalyzedText analyzed = AnalyzedText.of(analyzer.tokens(doc.text()));
          for (String term : terms) {
            AnalyzedText.Occurrences o = analyzed.terms().get(term);
            if (o != null) {
              positions.put(term, o.positions());
            }
          }
          c.kind = doc.kind();
          c.normByte = doc.normByte();
          c.sources = doc.sourceOrds().stream().mapToInt(Integer::intValue).toArray();
        }
        c.resolve(positions);
      }
    }

    /** Matching candidates that pass the filters and come after the cursor, in result order. */
    private List<Long> ranked(
        Map<Long, Float> scores, Map<Long, Candidate> candidates, Optional<SearchCursor> cursor) {
      Comparator<Long> order =
          request.sort() == SortOrder.RELEVANCE
              ? Comparator.<Long, Float>comparing(scores::get).reversed().thenComparing(o -> o)
              : Comparator.<Long>reverseOrder();
      return scores.keySet().stream()
          .filter(o -> passes(candidates.get(o), true, true))
          .filter(
              o ->
                  cursor.isEmpty()
                      || (request.sort() == SortOrder.RELEVANCE
                          ? cursor.get().beforeByRelevance(scores.get(o), o)
                          : o < cursor.get().ord()))
          .sorted(order)
          .toList();
    }

    private SearchResult listing(String fingerprint, Optional<SearchCursor> cursor) {
      TermDirectory all =
          postings
              .directories(Set.of(TermDirectory.ALL_DOCUMENTS), false, deadline)
              .getOrDefault(
                  TermDirectory.ALL_DOCUMENTS, TermDirectory.empty(TermDirectory.ALL_DOCUMENTS));
      TermPostings list = new TermPostings(all);
      PostingReader reader = new PostingReader(postings, deadline);
      reader.readUntil(List.of(list), horizon);
      Map<Long, Candidate> candidates = new LinkedHashMap<>();
      Map<Long, Float> scores = new HashMap<>();
      int consumed = 0;
      while (true) {
        for (int i = consumed; i < list.entries().size(); i++) {
          PostingEntry e = list.entries().get(i);
          candidates.put(e.ord(), new Candidate(e.ord(), e.kind(), e.normByte(), e.sources()));
          scores.put(e.ord(), 0f);
        }
        consumed = list.entries().size();
        long after = ranked(scores, candidates, cursor).size();
        if (after > request.limit() || list.complete() || list.entries().size() >= horizon * 20) {
          break;
        }
        reader.readNext(List.of(list));
      }
      List<Long> ranked = ranked(scores, candidates, cursor);
      List<Long> page = ranked.subList(0, Math.min(request.limit(), ranked.size()));
      Optional<String> next = Optional.empty();
      if (ranked.size() > request.limit() && !page.isEmpty()) {
        next =
            Optional.of(
                new SearchCursor(
                        fingerprint,
                        0f,
                        page.get(page.size() - 1),
                        all.docFreq(),
                        all.tfSum(),
                        Map.of())
                    .encode(cursorKey));
      }
      return result(scores.keySet(), candidates, list.complete(), page, scores, next, Set.of());
    }

    private SearchResult result(
        Set<Long> matches,
        Map<Long, Candidate> candidates,
        boolean exact,
        List<Long> page,
        Map<Long, Float> scores,
        Optional<String> next,
        Set<String> highlight) {
      FacetCounter facets =
          new FacetCounter(
              matches.stream().map(candidates::get).toList(),
              c -> passes(c, true, false),
              c -> passes(c, false, true));
      List<Map.Entry<Integer, Long>> topFiles = facets.topFiles(SOURCE_FACET_SIZE);
      // The page's documents and the facet's file keys are independent reads: issue them together.
      CompletableFuture<Map<Long, StoredDocument>> pageDocs =
          CompletableFuture.supplyAsync(() -> documents.documents(page, false, deadline));
      Map<Integer, String> fileKeys =
          documents.fileKeys(topFiles.stream().map(Map.Entry::getKey).toList(), deadline);
      List<FacetCount> sourceFacet =
          topFiles.stream()
              .filter(e -> fileKeys.containsKey(e.getKey()))
              .map(e -> new FacetCount(fileKeys.get(e.getKey()), e.getValue()))
              .toList();

      Map<Long, StoredDocument> docs = pageDocs.join();
      List<SearchHit> hits = new ArrayList<>();
      for (long ord : page) {
        StoredDocument doc = docs.get(ord);
        if (doc != null) {
          hits.add(
              new SearchHit(
                  doc.id(),
                  ord,
                  doc.kind(),
                  doc.title(),
                  highlighter.snippet(doc.text(), highlight),
                  doc.sources(),
                  doc.sourceCount(),
                  scores.getOrDefault(ord, 0f),
                  doc.published(),
                  doc.ingestedAt()));
        }
      }
      long total = facets.total();
      return new SearchResult(
          Math.min(total, TRACK_TOTAL_LIMIT),
          exact && total <= TRACK_TOTAL_LIMIT,
          hits,
          facets.kinds(),
          sourceFacet,
          next,
          notes,
          meter.items(),
          meter.capacityUnits());
    }

    private boolean passes(Candidate c, boolean checkKind, boolean checkSource) {
      if (checkKind && !request.acceptsKind(c.kind)) {
        return false;
      }
      return !checkSource
          || sourceFiles.isEmpty()
          || sourceFiles.get().accepts(c.ord, c.kind, c.sources);
    }

    private Map<String, List<String>> expand(QueryNode node) {
      Map<String, List<String>> out = new HashMap<>();
      expandInto(node, out);
      return out;
    }

    private void expandInto(QueryNode node, Map<String, List<String>> out) {
      if (node instanceof QueryNode.Prefix p && !out.containsKey(p.prefix())) {
        List<String> terms =
            postings.termsWithPrefix(p.prefix(), MAX_PREFIX_EXPANSIONS + 1).stream()
                .filter(t -> !TermDirectory.ALL_DOCUMENTS.equals(t))
                .toList();
        if (terms.size() > MAX_PREFIX_EXPANSIONS) {
          throw new BadQueryException(
              "'"
                  + p.prefix()
                  + "*' matches more than "
                  + MAX_PREFIX_EXPANSIONS
                  + " indexed terms; use a longer prefix");
        }
        out.put(p.prefix(), terms);
      } else if (node instanceof QueryNode.Bool b) {
        b.clauses().forEach(c -> expandInto(c.node(), out));
      }
    }

    private SourceFilter sourceFileOrds(String prefix) {
      List<SourceManifest> files =
          new SourceStore(metered).list(prefix, MAX_SOURCE_FILES + 1, Optional.empty(), deadline);
      if (files.size() > MAX_SOURCE_FILES) {
        throw new BadQueryException(
            "source '"
                + prefix
                + "' matches more than "
                + MAX_SOURCE_FILES
                + " files; use a longer prefix");
      }
      Set<Long> headlines = new java.util.HashSet<>();
      files.forEach(m -> headlines.addAll(m.headlineOrds()));
      return new SourceFilter(
          files.stream()
              .map(SourceManifest::fileOrd)
              .collect(Collectors.toCollection(TreeSet::new)),
          headlines);
    }
  }
}
