package org.newsindex.search;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The order of a search's results (by score or by publication time, ties by ingest order) and where
 * the page starts: after the cursor's hit.
 */
final class ResultOrder {
  private final SortOrder sort;
  private final CandidateFilter filter;
  private final Optional<SearchCursor> cursor;

  ResultOrder(SortOrder sort, CandidateFilter filter, Optional<SearchCursor> cursor) {
    this.sort = sort;
    this.filter = filter;
    this.cursor = cursor;
  }

  boolean byRelevance() {
    return sort == SortOrder.RELEVANCE;
  }

  /** The scored candidates that pass the filters and come after the cursor, in result order. */
  List<Long> ranked(Map<Long, Float> scores, Map<Long, Candidate> candidates) {
    Comparator<Long> byTime =
        Comparator.<Long>comparingLong(o -> candidates.get(o).published).thenComparingLong(o -> o);
    Comparator<Long> order =
        switch (sort) {
          case RELEVANCE ->
              Comparator.<Long, Float>comparing(scores::get).reversed().thenComparing(o -> o);
          case NEWEST -> byTime.reversed();
          case OLDEST -> byTime;
        };
    return scores.keySet().stream()
        .filter(o -> filter.accepts(candidates.get(o)))
        .filter(o -> afterCursor(scores.get(o), o, candidates.get(o).published))
        .sorted(order)
        .toList();
  }

  private boolean afterCursor(float score, long ord, long published) {
    if (cursor.isEmpty()) {
      return true;
    }
    return byRelevance()
        ? cursor.get().beforeByRelevance(score, ord)
        : cursor.get().beforeByTime(published, ord, sort == SortOrder.NEWEST);
  }
}
