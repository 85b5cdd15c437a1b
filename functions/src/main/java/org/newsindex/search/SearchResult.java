package org.newsindex.search;

import java.util.List;
import java.util.Optional;

/**
 * The answer to a search: how many documents match (exactly, or at least, as Elasticsearch reports
 * past its tracking limit or when the search stopped at its budget), one page of hits, facet counts
 * by kind, by source file and (if asked for) by publication time, the cursor of the next page (and
 * how to continue after any hit of this one), notes about how the query was read, and what the
 * search cost against its budget.
 */
public record SearchResult(
    long total,
    boolean totalExact,
    List<SearchHit> hits,
    List<FacetCount> kindFacet,
    List<FacetCount> sourceFacet,
    Optional<List<FacetCount>> publishedFacet,
    Optional<String> nextCursor,
    PageCursors cursors,
    List<String> notes,
    long itemsRead,
    double readUnits,
    SearchBudget budget) {

  public SearchResult {
    hits = List.copyOf(hits);
    kindFacet = List.copyOf(kindFacet);
    sourceFacet = List.copyOf(sourceFacet);
    notes = List.copyOf(notes);
  }
}
