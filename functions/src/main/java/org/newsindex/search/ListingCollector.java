package org.newsindex.search;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.newsindex.index.PostingEntry;
import org.newsindex.index.TermDirectory;

/**
 * Collects a search without a query: the list of all documents, newest or oldest first (the chunks
 * outside a date filter's range are skipped), read until the page after the cursor is full, the
 * list is read to its end, the budget stops it or {@link SearchRun#READ_AHEAD} times the horizon is
 * read.
 */
final class ListingCollector {
  private final SearchRun run;
  private final ResultOrder order;
  private final int horizon;

  ListingCollector(SearchRun run, ResultOrder order, int horizon) {
    this.run = run;
    this.order = order;
    this.horizon = horizon;
  }

  /** The directory of all documents, whose statistics the listing's cursors carry. */
  TermDirectory allDocuments() {
    run.allowance.checkTime();
    return run.postings
        .directories(Set.of(TermDirectory.ALL_DOCUMENTS), false, run.allowance.deadline())
        .getOrDefault(
            TermDirectory.ALL_DOCUMENTS, TermDirectory.empty(TermDirectory.ALL_DOCUMENTS));
  }

  Collected collect(TermDirectory all) {
    SearchRequest request = run.request;
    run.reservePage(all.docFreq() == 0 ? 1 : (double) all.tfSum() / all.docFreq());
    TermPostings list =
        TermPostings.listing(all, request.sort() == SortOrder.OLDEST, request.published());
    PostingReader reader = new PostingReader(run.postings, run.allowance);
    boolean stoppedByBudget = !reader.readUntil(List.of(list), horizon);
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
      long after = order.ranked(scores, candidates).size();
      if (stoppedByBudget
          || after > request.limit()
          || list.complete()
          || list.entries().size() >= horizon * SearchRun.READ_AHEAD) {
        break;
      }
      stoppedByBudget = !reader.readNext(List.of(list));
    }
    if (stoppedByBudget && list.entries().isEmpty()) {
      throw new QueryTooBroadException(
          "listing documents needs more reads than a search may make within its budget; add q"
              + " or a kind or source filter");
    }
    return new Collected(
        candidates, scores, order.ranked(scores, candidates), list.complete(), stoppedByBudget);
  }
}
