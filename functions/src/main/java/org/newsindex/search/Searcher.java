package org.newsindex.search;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.newsindex.analysis.TextAnalyzer;
import org.newsindex.index.Deadline;
import org.newsindex.index.DocKind;
import org.newsindex.index.IndexTable;
import org.newsindex.index.SourceStore;
import org.newsindex.index.StoredDocument;
import org.newsindex.index.TermDirectory;

/**
 * Answers searches from the index, in three stages: {@link QueryPlan} expands the query's prefixes
 * and reads its terms' directories and statistics; {@link TopKCollector} reads each term's postings
 * best first, up to the tracking horizon (exact totals and facets up to 10,000 matches, as
 * Elasticsearch tracks them) and beyond it only as far as the top results need, completing from
 * their stored text the hits whose terms are not all known ({@link ListingCollector} does the same
 * for a search without a query); {@link PageAssembler} counts the facets, reads the page and makes
 * its cursor. Every read counts against the search's {@link SearchBudget} and checks its deadline
 * first ({@link SearchRun}).
 */
public final class Searcher {
  public static final int TRACK_TOTAL_LIMIT = 10_000;
  public static final int MAX_PREFIX_EXPANSIONS = PrefixExpansions.MAX_TERMS;
  public static final int SOURCE_FACET_SIZE = PageAssembler.SOURCE_FACET_SIZE;

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
    SearchRun run = new SearchRun(table, request, budget, deadline);
    Optional<QueryParser.Parsed> parsed = request.q().map(parser::parse);
    parsed.ifPresent(p -> run.notes.addAll(p.notes()));
    List<String> scored = parsed.map(p -> QueryEvaluator.scoredTerms(p.query())).orElse(List.of());
    String fingerprint = fingerprint(request, scored);
    // The cursor is checked before anything is read.
    Optional<SearchCursor> cursor =
        request.cursor().map(c -> SearchCursor.decode(c, cursorKey, fingerprint, scored.size()));
    run.reservePage(1);
    Optional<SourceFilter> sourceFiles =
        request
            .source()
            .map(s -> SourceFilter.read(new SourceStore(run.metered), s, run.allowance));
    CandidateFilter filter = new CandidateFilter(request, sourceFiles, -1);
    ResultOrder order = new ResultOrder(request.sort(), filter, cursor);
    if (parsed.isEmpty()) {
      ListingCollector listing = new ListingCollector(run, order, horizon);
      TermDirectory all = listing.allDocuments();
      Collected found = listing.collect(all);
      PageCursors cursors =
          new PageCursors(cursorKey, fingerprint, all.docFreq(), all.tfSum(), List.of(), false);
      return new PageAssembler(run, filter, highlighter).page(found, cursors, Set.of());
    }
    QueryPlan plan = QueryPlan.of(run, parsed.get().query(), scored, cursor, Map.of());
    return collectAndAssemble(run, plan, filter, order, fingerprint);
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
    SearchRun run = new SearchRun(table, request, budget, deadline);
    CandidateFilter filter = new CandidateFilter(request, Optional.empty(), doc.ord());
    ResultOrder order = new ResultOrder(request.sort(), filter, Optional.empty());
    MoreLikeThis.Parameters p = MoreLikeThis.parameters(doc.kind());
    Map<String, int[]> freqs = MoreLikeThis.termFrequencies(analyzer.tokens(doc.text()));
    Set<String> wanted = new HashSet<>(MoreLikeThis.candidates(freqs, p));
    wanted.add(TermDirectory.ALL_DOCUMENTS);
    if (!run.allowance.affords(wanted.size(), wanted.size() * ReadAllowance.UNITS_PER_ITEM)) {
      throw new QueryTooBroadException(
          "the document has "
              + (wanted.size() - 1)
              + " words frequent enough to weigh, more than a search can look up within its"
              + " budget of "
              + budget.items()
              + " items");
    }
    run.allowance.checkTime();
    Map<String, TermDirectory> directories =
        run.postings.directories(wanted, false, run.allowance.deadline());
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
      run.notes.add(
          "no word of the document occurs at least "
              + p.minTermFreq()
              + " times in it and in at least "
              + p.minDocFreq()
              + " documents, so nothing is related to it");
      PageCursors cursors = new PageCursors(cursorKey, fingerprint, 0, 0, List.of(), true);
      return new PageAssembler(run, filter, highlighter)
          .page(Collected.nothing(), cursors, Set.of());
    }
    QueryNode.Bool query =
        new QueryNode.Bool(
            terms.stream()
                .map(t -> new QueryNode.Clause(Occur.SHOULD, new QueryNode.Term(t)))
                .toList());
    // The directories read to weigh the words are not read again.
    QueryPlan plan = QueryPlan.of(run, query, terms, Optional.empty(), directories);
    return collectAndAssemble(run, plan, filter, order, fingerprint);
  }

  private SearchResult collectAndAssemble(
      SearchRun run,
      QueryPlan plan,
      CandidateFilter filter,
      ResultOrder order,
      String fingerprint) {
    Collected found = new TopKCollector(run, plan, order, filter, analyzer, horizon).collect();
    PageCursors cursors =
        new PageCursors(
            cursorKey,
            fingerprint,
            plan.docCount(),
            plan.sumLength(),
            plan.scoredDocFreqs(),
            order.byRelevance());
    return new PageAssembler(run, filter, highlighter).page(found, cursors, plan.positive());
  }

  /** What a cursor is bound to: every parameter that changes the results or their order. */
  private static String fingerprint(SearchRequest request, List<String> scored) {
    return SearchCursor.fingerprint(
        request.q().orElse(""),
        request.kinds().stream().map(DocKind::label).sorted().collect(Collectors.joining(",")),
        request.source().orElse(""),
        request.sort().label(),
        String.join("\u0000", scored),
        request.published().text());
  }
}
