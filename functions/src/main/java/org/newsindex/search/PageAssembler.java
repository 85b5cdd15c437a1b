package org.newsindex.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.newsindex.index.StoredDocument;

/**
 * The last stage of a search: the page of what was collected. Counts the facets over every match,
 * reads the page's documents and the source facet's file keys together, highlights the hits and
 * makes the cursor of the next page.
 */
final class PageAssembler {
  static final int SOURCE_FACET_SIZE = 20;

  private final SearchRun run;
  private final CandidateFilter filter;
  private final Highlighter highlighter;

  PageAssembler(SearchRun run, CandidateFilter filter, Highlighter highlighter) {
    this.run = run;
    this.filter = filter;
    this.highlighter = highlighter;
  }

  /**
   * @param highlight the terms snippets mark
   */
  SearchResult page(Collected found, PageCursors cursors, Set<String> highlight) {
    int limit = run.request.limit();
    List<Long> ranked = found.ranked();
    List<Long> page = ranked.subList(0, Math.min(limit, ranked.size()));
    FacetCounter facets =
        new FacetCounter(
            found.scores().keySet().stream().map(found.candidates()::get).toList(),
            filter::byKind,
            filter::bySource,
            filter::byPublished,
            run.request.histogram());
    List<Map.Entry<Integer, Long>> topFiles = facets.topFiles(SOURCE_FACET_SIZE);
    run.allowance.checkTime();
    // The page's documents and the facet's file keys are independent reads: issue them together.
    CompletableFuture<Map<Long, StoredDocument>> pageDocs =
        CompletableFuture.supplyAsync(
            () -> run.documents.documents(page, false, run.allowance.deadline()));
    Map<Integer, String> fileKeys =
        run.documents.fileKeys(
            topFiles.stream().map(Map.Entry::getKey).toList(), run.allowance.deadline());
    List<FacetCount> sourceFacet =
        topFiles.stream()
            .filter(e -> fileKeys.containsKey(e.getKey()))
            .map(e -> new FacetCount(fileKeys.get(e.getKey()), e.getValue()))
            .toList();
    List<SearchHit> hits = hits(page, join(pageDocs), found.scores(), highlight);

    Optional<String> next = Optional.empty();
    if (ranked.size() > limit && !page.isEmpty()) {
      long last = page.get(page.size() - 1);
      next =
          Optional.of(
              cursors.after(
                  found.scores().getOrDefault(last, 0f),
                  last,
                  found.candidates().get(last).published));
    }
    if (found.stoppedByBudget()) {
      run.notes.add(run.budgetNote());
    }
    long total = facets.total();
    return new SearchResult(
        Math.min(total, Searcher.TRACK_TOTAL_LIMIT),
        found.exact() && !found.stoppedByBudget() && total <= Searcher.TRACK_TOTAL_LIMIT,
        hits,
        facets.kinds(),
        sourceFacet,
        facets.published(),
        next,
        cursors,
        run.notes,
        run.meter.items(),
        run.meter.capacityUnits(),
        run.budget);
  }

  private List<SearchHit> hits(
      List<Long> page,
      Map<Long, StoredDocument> docs,
      Map<Long, Float> scores,
      Set<String> highlight) {
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
    return hits;
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }
}
