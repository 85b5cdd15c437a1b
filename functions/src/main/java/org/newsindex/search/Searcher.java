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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.newsindex.analysis.AnalyzedText;
import org.newsindex.analysis.TextAnalyzer;
import org.newsindex.index.Bm25;
import org.newsindex.index.Deadline;
import org.newsindex.index.DocKind;
import org.newsindex.index.DocumentStore;
import org.newsindex.index.IndexTable;
import org.newsindex.index.PostingEntry;
import org.newsindex.index.PostingStore;
import org.newsindex.index.ReadMeter;
import org.newsindex.index.SourceStore;
import org.newsindex.index.StoredDocument;
import org.newsindex.index.TermDirectory;

/**
 * Answers searches from the index. Each query term's postings are read best first, up to the
 * tracking horizon (exact totals and facets up to 10,000 matches, as Elasticsearch tracks them); a
 * term with more postings than that is read only as far as the top results need: reading stops when
 * no unread posting can score above the page's last hit (its rank key bounds its BM25 part). Hits
 * whose terms are not all known from the postings read are completed from their stored text. Every
 * read counts against the search's {@link SearchBudget} and checks its deadline first.
 */
public final class Searcher {
  public static final int TRACK_TOTAL_LIMIT = 10_000;
  public static final int MAX_PREFIX_EXPANSIONS = PrefixExpansions.MAX_TERMS;
  public static final int SOURCE_FACET_SIZE = 20;
  private static final int RESOLVE_BATCH = 100;
  private static final int MAX_RESOLVED = 2_000;

  /** Without a deadline from the caller: inside the query function's 10 s timeout. */
  private static final Duration DEFAULT_TIME = Duration.ofSeconds(8);

  private final IndexTable table;
  private final TextAnalyzer analyzer;
  private final QueryParser parser;
  private final Highlighter highlighter;
  private final byte[] cursorKey;
  private final int horizon;
  private final SearchBudget budget;

  public Searcher(
      IndexTable table, TextAnalyzer analyzer, byte[] cursorKey, int horizon, SearchBudget budget) {
    this.table = table;
    this.analyzer = analyzer;
    this.parser = new QueryParser(analyzer);
    this.highlighter = new Highlighter(analyzer);
    this.cursorKey = cursorKey.clone();
    this.horizon = horizon;
    this.budget = budget;
  }

  public Searcher(IndexTable table, TextAnalyzer analyzer, byte[] cursorKey, int horizon) {
    this(table, analyzer, cursorKey, horizon, SearchBudget.DEFAULT);
  }

  public Searcher(IndexTable table, TextAnalyzer analyzer, byte[] cursorKey) {
    this(table, analyzer, cursorKey, TRACK_TOTAL_LIMIT);
  }

  public SearchResult search(SearchRequest request) {
    return search(request, Deadline.after(DEFAULT_TIME));
  }

  /** Searches, stopping with a {@link SearchTimeoutException} if the deadline comes first. */
  public SearchResult search(SearchRequest request, Deadline deadline) {
    return new Run(request, deadline).execute();
  }

  /**
   * The documents most like this one, by Lucene's MoreLikeThis (see {@link MoreLikeThis}): the
   * chosen words as an OR query scored by BM25 over the whole index, the document itself left out.
   */
  public SearchResult related(StoredDocument doc, int limit, Deadline deadline) {
    SearchRequest request =
        new SearchRequest(
            Optional.of(doc.id()),
            Set.of(),
            Optional.empty(),
            limit,
            SortOrder.RELEVANCE,
            Optional.empty(),
            PublishedFilter.NONE,
            Optional.empty());
    Run run = new Run(request, deadline);
    run.excluded = doc.ord();
    return run.related(doc);
  }

  /** The state of one search. */
  private final class Run {
    private final SearchRequest request;
    private final ReadMeter meter = new ReadMeter();
    private final IndexTable metered = table.metered(meter);
    private final PostingStore postings = new PostingStore(metered);
    private final DocumentStore documents = new DocumentStore(metered);
    private final ReadAllowance allowance;
    private final List<String> notes = new ArrayList<>();
    private Optional<SourceFilter> sourceFiles = Optional.empty();
    private boolean stoppedByBudget;

    /** A document no result may be (the one related documents are found for), or -1. */
    private long excluded = -1;

    Run(SearchRequest request, Deadline deadline) {
      this.request = request;
      this.allowance = new ReadAllowance(budget, meter, deadline);
    }

    SearchResult execute() {
      Optional<QueryParser.Parsed> parsed = request.q().map(parser::parse);
      parsed.ifPresent(p -> notes.addAll(p.notes()));
      List<String> scored =
          parsed.map(p -> QueryEvaluator.scoredTerms(p.query())).orElse(List.of());
      String fingerprint =
          SearchCursor.fingerprint(
              request.q().orElse(""),
              request.kinds().stream()
                  .map(DocKind::label)
                  .sorted()
                  .collect(Collectors.joining(",")),
              request.source().orElse(""),
              request.sort().label(),
              String.join("\u0000", scored),
              request.published().text());
      // The cursor is checked before anything is read.
      Optional<SearchCursor> cursor =
          request.cursor().map(c -> SearchCursor.decode(c, cursorKey, fingerprint, scored.size()));
      reservePage(1);
      sourceFiles =
          request.source().map(s -> SourceFilter.read(new SourceStore(metered), s, allowance));
      return parsed.isPresent()
          ? query(parsed.get().query(), scored, fingerprint, cursor, Map.of())
          : listing(fingerprint, cursor);
    }

    SearchResult related(StoredDocument doc) {
      MoreLikeThis.Parameters p = MoreLikeThis.parameters(doc.kind());
      Map<String, int[]> freqs = MoreLikeThis.termFrequencies(analyzer.tokens(doc.text()));
      Set<String> wanted = new HashSet<>(MoreLikeThis.candidates(freqs, p));
      wanted.add(TermDirectory.ALL_DOCUMENTS);
      if (!allowance.affords(wanted.size(), wanted.size() * ReadAllowance.UNITS_PER_ITEM)) {
        throw new QueryTooBroadException(
            "the document has "
                + (wanted.size() - 1)
                + " words frequent enough to weigh, more than a search can look up within its"
                + " budget of "
                + budget.items()
                + " items");
      }
      allowance.checkTime();
      Map<String, TermDirectory> directories =
          postings.directories(wanted, false, allowance.deadline());
      long docCount =
          Optional.ofNullable(directories.get(TermDirectory.ALL_DOCUMENTS))
              .map(TermDirectory::docFreq)
              .orElse(0);
      List<MoreLikeThis.Word> words =
          MoreLikeThis.choose(
              freqs,
              p,
              t -> Optional.ofNullable(directories.get(t)).map(TermDirectory::docFreq).orElse(0),
              docCount);
      List<String> terms = words.stream().map(MoreLikeThis.Word::term).toList();
      String fingerprint = SearchCursor.fingerprint("related", doc.id());
      if (terms.isEmpty()) {
        notes.add(
            "no word of the document occurs at least "
                + p.minTermFreq()
                + " times in it and in at least "
                + p.minDocFreq()
                + " documents, so nothing is related to it");
        return nothing(fingerprint);
      }
      QueryNode.Bool query =
          new QueryNode.Bool(
              terms.stream()
                  .map(t -> new QueryNode.Clause(Occur.SHOULD, new QueryNode.Term(t)))
                  .toList());
      return query(query, terms, fingerprint, Optional.empty(), directories);
    }

    /** An empty page. */
    private SearchResult nothing(String fingerprint) {
      PageCursors cursors = new PageCursors(cursorKey, fingerprint, 0, 0, List.of(), true);
      return result(Set.of(), Map.of(), true, List.of(), Map.of(), cursors, Set.of());
    }

    /** Keeps room in the budget for the page's documents and the source facet's file keys. */
    private void reservePage(double averageLength) {
      double perDocument =
          ReadAllowance.units((long) Math.ceil(averageLength) * ReadAllowance.TEXT_BYTES_PER_TERM);
      allowance.reserve(
          request.limit() + SOURCE_FACET_SIZE,
          request.limit() * perDocument + SOURCE_FACET_SIZE * ReadAllowance.UNITS_PER_ITEM);
    }

    private SearchResult query(
        QueryNode.Bool query,
        List<String> scored,
        String fingerprint,
        Optional<SearchCursor> cursor,
        Map<String, TermDirectory> known) {
      Map<String, List<String>> expansions = PrefixExpansions.read(query, postings, allowance);
      Set<String> terms = QueryEvaluator.terms(query, expansions);
      Set<String> positive = QueryEvaluator.positiveTerms(query, expansions);
      Set<String> wanted = new HashSet<>(terms);
      wanted.add(TermDirectory.ALL_DOCUMENTS);
      // Directories read already (the related-documents path weighs words by them) are not read
      // again.
      Set<String> unread = new HashSet<>(wanted);
      unread.removeAll(known.keySet());
      if (!allowance.affords(unread.size(), unread.size() * ReadAllowance.UNITS_PER_ITEM)) {
        throw tooManyTerms(expansions, wanted.size());
      }
      allowance.checkTime();
      Map<String, TermDirectory> directories = new HashMap<>(known);
      directories.putAll(postings.directories(unread, false, allowance.deadline()));
      TermDirectory all =
          directories.getOrDefault(
              TermDirectory.ALL_DOCUMENTS, TermDirectory.empty(TermDirectory.ALL_DOCUMENTS));
      long docCount = cursor.map(SearchCursor::docCount).orElse((long) all.docFreq());
      long sumLength = cursor.map(SearchCursor::sumLength).orElse(all.tfSum());
      reservePage(docCount == 0 ? 1 : (double) sumLength / docCount);
      if (allowance.overspent()) {
        throw tooManyTerms(expansions, wanted.size());
      }
      Map<String, Long> docFreqs = new HashMap<>();
      for (String term : terms) {
        docFreqs.put(
            term,
            (long)
                Optional.ofNullable(directories.get(term)).map(TermDirectory::docFreq).orElse(0));
      }
      for (int i = 0; i < scored.size() && cursor.isPresent(); i++) {
        docFreqs.put(scored.get(i), cursor.get().docFreqs().get(i));
      }
      Bm25 bm25 = new Bm25(docCount, sumLength);

      Map<String, TermPostings> lists = new LinkedHashMap<>();
      for (String term : terms) {
        lists.put(
            term, new TermPostings(directories.getOrDefault(term, TermDirectory.empty(term))));
      }
      PostingReader reader = new PostingReader(postings, allowance);
      if (!reader.readUntil(lists.values(), horizon)) {
        stoppedByBudget = true;
        if (positive.stream().allMatch(t -> lists.get(t).entries().isEmpty())) {
          throw tooManyPostings(lists, positive);
        }
      }
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
      boolean truncated = stoppedByBudget;
      while (!stoppedByBudget) {
        settle(candidates, evaluator, scores, settled);
        List<Long> ranked = ranked(scores, candidates, cursor);
        double kth =
            request.sort() == SortOrder.RELEVANCE && ranked.size() >= k
                ? scores.get(ranked.get(k - 1))
                : Double.NEGATIVE_INFINITY;
        List<Candidate> pending =
            candidates.values().stream()
                .filter(c -> !settled.contains(c.ord) && passes(c, true, true, true))
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
            List<Candidate> affordable = affordable(worth);
            if (affordable.isEmpty()) {
              stoppedByBudget = true;
              truncated = true;
              break;
            }
            resolve(affordable, terms);
            resolved += affordable.size();
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
          if (reader.readNext(lists.values())) {
            absorb(lists, positive, candidates, consumed, excluding);
            continue;
          }
          stoppedByBudget = true;
        }
        if (incomplete) {
          truncated = true;
        }
        break;
      }
      settle(candidates, evaluator, scores, settled);

      List<Long> ranked = ranked(scores, candidates, cursor);
      boolean exact =
          !truncated && candidates.values().stream().allMatch(c -> settled.contains(c.ord));
      PageCursors cursors =
          new PageCursors(
              cursorKey,
              fingerprint,
              docCount,
              sumLength,
              scored.stream().map(t -> docFreqs.getOrDefault(t, 0L)).toList(),
              request.sort() == SortOrder.RELEVANCE);
      return result(scores.keySet(), candidates, exact, ranked, scores, cursors, positive);
    }

    /** The first candidates of the batch whose documents the budget can still pay for. */
    private List<Candidate> affordable(List<Candidate> batch) {
      List<Candidate> out = new ArrayList<>();
      double units = 0;
      for (Candidate c : batch) {
        double cost = ReadAllowance.documentUnits(c.kind, c.normByte);
        if (!allowance.affords(out.size() + 1, units + cost)) {
          break;
        }
        out.add(c);
        units += cost;
      }
      return out;
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
                c = Candidate.of(e);
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
      allowance.checkTime();
      Map<Long, StoredDocument> docs =
          documents.documents(batch.stream().map(c -> c.ord).toList(), false, allowance.deadline());
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
          c.published = doc.published().getEpochSecond();
        }
        c.resolve(positions);
      }
    }

    /** Matching candidates that pass the filters and come after the cursor, in result order. */
    private List<Long> ranked(
        Map<Long, Float> scores, Map<Long, Candidate> candidates, Optional<SearchCursor> cursor) {
      Comparator<Long> byTime =
          Comparator.<Long>comparingLong(o -> candidates.get(o).published)
              .thenComparingLong(o -> o);
      Comparator<Long> order =
          switch (request.sort()) {
            case RELEVANCE ->
                Comparator.<Long, Float>comparing(scores::get).reversed().thenComparing(o -> o);
            case NEWEST -> byTime.reversed();
            case OLDEST -> byTime;
          };
      return scores.keySet().stream()
          .filter(o -> passes(candidates.get(o), true, true, true))
          .filter(
              o ->
                  cursor.isEmpty()
                      || (request.sort() == SortOrder.RELEVANCE
                          ? cursor.get().beforeByRelevance(scores.get(o), o)
                          : cursor
                              .get()
                              .beforeByTime(
                                  candidates.get(o).published,
                                  o,
                                  request.sort() == SortOrder.NEWEST)))
          .sorted(order)
          .toList();
    }

    private SearchResult listing(String fingerprint, Optional<SearchCursor> cursor) {
      allowance.checkTime();
      TermDirectory all =
          postings
              .directories(Set.of(TermDirectory.ALL_DOCUMENTS), false, allowance.deadline())
              .getOrDefault(
                  TermDirectory.ALL_DOCUMENTS, TermDirectory.empty(TermDirectory.ALL_DOCUMENTS));
      reservePage(all.docFreq() == 0 ? 1 : (double) all.tfSum() / all.docFreq());
      TermPostings list =
          TermPostings.listing(all, request.sort() == SortOrder.OLDEST, request.published());
      PostingReader reader = new PostingReader(postings, allowance);
      stoppedByBudget = !reader.readUntil(List.of(list), horizon);
      Map<Long, Candidate> candidates = new LinkedHashMap<>();
      Map<Long, Float> scores = new HashMap<>();
      int consumed = 0;
      while (true) {
        for (int i = consumed; i < list.entries().size(); i++) {
          PostingEntry e = list.entries().get(i);
          candidates.put(e.ord(), Candidate.of(e));
          scores.put(e.ord(), 0f);
        }
        consumed = list.entries().size();
        long after = ranked(scores, candidates, cursor).size();
        if (stoppedByBudget
            || after > request.limit()
            || list.complete()
            || list.entries().size() >= horizon * 20) {
          break;
        }
        stoppedByBudget = !reader.readNext(List.of(list));
      }
      if (stoppedByBudget && list.entries().isEmpty()) {
        throw new QueryTooBroadException(
            "listing documents needs more reads than a search may make within its budget; add q"
                + " or a kind or source filter");
      }
      PageCursors cursors =
          new PageCursors(cursorKey, fingerprint, all.docFreq(), all.tfSum(), List.of(), false);
      return result(
          scores.keySet(),
          candidates,
          list.complete(),
          ranked(scores, candidates, cursor),
          scores,
          cursors,
          Set.of());
    }

    private SearchResult result(
        Set<Long> matches,
        Map<Long, Candidate> candidates,
        boolean exact,
        List<Long> ranked,
        Map<Long, Float> scores,
        PageCursors cursors,
        Set<String> highlight) {
      List<Long> page = ranked.subList(0, Math.min(request.limit(), ranked.size()));
      FacetCounter facets =
          new FacetCounter(
              matches.stream().map(candidates::get).toList(),
              c -> passes(c, true, false, false),
              c -> passes(c, false, true, false),
              c -> passes(c, false, false, true),
              request.histogram());
      List<Map.Entry<Integer, Long>> topFiles = facets.topFiles(SOURCE_FACET_SIZE);
      allowance.checkTime();
      // The page's documents and the facet's file keys are independent reads: issue them together.
      CompletableFuture<Map<Long, StoredDocument>> pageDocs =
          CompletableFuture.supplyAsync(
              () -> documents.documents(page, false, allowance.deadline()));
      Map<Integer, String> fileKeys =
          documents.fileKeys(
              topFiles.stream().map(Map.Entry::getKey).toList(), allowance.deadline());
      List<FacetCount> sourceFacet =
          topFiles.stream()
              .filter(e -> fileKeys.containsKey(e.getKey()))
              .map(e -> new FacetCount(fileKeys.get(e.getKey()), e.getValue()))
              .toList();

      Map<Long, StoredDocument> docs = join(pageDocs);
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
      Optional<String> next = Optional.empty();
      if (ranked.size() > request.limit() && !page.isEmpty()) {
        long last = page.get(page.size() - 1);
        next =
            Optional.of(
                cursors.after(scores.getOrDefault(last, 0f), last, candidates.get(last).published));
      }
      if (stoppedByBudget) {
        notes.add(
            "the search stopped at its read budget ("
                + budget.items()
                + " items, "
                + Math.round(budget.readUnits())
                + " read units): the results are the best of the documents it read and the total"
                + " is a lower bound; add words or filters for exact results");
      }
      long total = facets.total();
      return new SearchResult(
          Math.min(total, TRACK_TOTAL_LIMIT),
          exact && !stoppedByBudget && total <= TRACK_TOTAL_LIMIT,
          hits,
          facets.kinds(),
          sourceFacet,
          facets.published(),
          next,
          cursors,
          notes,
          meter.items(),
          meter.capacityUnits(),
          budget);
    }

    private boolean passes(
        Candidate c, boolean checkKind, boolean checkSource, boolean checkPublished) {
      if (c.ord == excluded) {
        return false;
      }
      if (checkKind && !request.acceptsKind(c.kind)) {
        return false;
      }
      if (checkPublished && !request.published().accepts(c.published)) {
        return false;
      }
      return !checkSource
          || sourceFiles.isEmpty()
          || sourceFiles.get().accepts(c.ord, c.kind, c.sources);
    }

    private QueryTooBroadException tooManyTerms(
        Map<String, List<String>> expansions, int directories) {
      String broadest =
          expansions.entrySet().stream()
              .sorted(
                  Comparator.comparingInt(
                          (Map.Entry<String, List<String>> e) -> e.getValue().size())
                      .reversed())
              .limit(3)
              .map(e -> "'" + e.getKey() + "*' " + e.getValue().size())
              .collect(Collectors.joining(", "));
      return new QueryTooBroadException(
          "q stands for "
              + (directories - 1)
              + " indexed terms"
              + (broadest.isEmpty() ? "" : " (its prefixes expand to " + broadest + ")")
              + ", more than a search can read within its budget of "
              + budget.items()
              + " items and "
              + Math.round(budget.readUnits())
              + " read units; use longer prefixes or fewer of them");
    }

    private QueryTooBroadException tooManyPostings(
        Map<String, TermPostings> lists, Set<String> positive) {
      String broadest =
          positive.stream()
              .map(lists::get)
              .sorted(
                  Comparator.comparingInt((TermPostings l) -> l.directory().docFreq()).reversed())
              .limit(3)
              .map(l -> "'" + l.directory().displayForm() + "' (" + l.directory().docFreq() + ")")
              .collect(Collectors.joining(", "));
      return new QueryTooBroadException(
          "the postings of q's words are more than a search can read within its budget of "
              + budget.items()
              + " items and "
              + Math.round(budget.readUnits())
              + " read units; the most common are "
              + broadest
              + ": add rarer words, or a kind or source filter");
    }
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }
}
