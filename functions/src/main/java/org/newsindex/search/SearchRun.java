package org.newsindex.search;

import java.util.ArrayList;
import java.util.List;
import org.newsindex.index.Deadline;
import org.newsindex.index.DocumentStore;
import org.newsindex.index.IndexTable;
import org.newsindex.index.PostingStore;
import org.newsindex.index.ReadMeter;

/**
 * What one search reads with: the request, its stores behind one read meter, the allowance every
 * read is charged to, and the notes the answer will carry. Each stage of the search (plan, collect,
 * assemble the page) is given it.
 */
final class SearchRun {
  /** How much further than the tracking horizon a list is read for a page: twenty times. */
  static final int READ_AHEAD = 20;

  final SearchRequest request;
  final SearchBudget budget;
  final ReadMeter meter = new ReadMeter();
  final IndexTable metered;
  final PostingStore postings;
  final DocumentStore documents;
  final ReadAllowance allowance;
  final List<String> notes = new ArrayList<>();

  SearchRun(IndexTable table, SearchRequest request, SearchBudget budget, Deadline deadline) {
    this.request = request;
    this.budget = budget;
    this.metered = table.metered(meter);
    this.postings = new PostingStore(metered);
    this.documents = new DocumentStore(metered);
    this.allowance = new ReadAllowance(budget, meter, deadline);
  }

  /** Keeps room in the budget for the page's documents and the source facet's file keys. */
  void reservePage(double averageLength) {
    double perDocument =
        ReadAllowance.units((long) Math.ceil(averageLength) * ReadAllowance.TEXT_BYTES_PER_TERM);
    int facetKeys = PageAssembler.SOURCE_FACET_SIZE;
    allowance.reserve(
        request.limit() + facetKeys,
        request.limit() * perDocument + facetKeys * ReadAllowance.UNITS_PER_ITEM);
  }

  /** The note of a search stopped by its budget. */
  String budgetNote() {
    return "the search stopped at its read budget ("
        + budget.items()
        + " items, "
        + Math.round(budget.readUnits())
        + " read units): the results are the best of the documents it read and the total"
        + " is a lower bound; add words or filters for exact results";
  }

  /** How a refusal names the budget: "its budget of N items and M read units". */
  String budgetText() {
    return "its budget of "
        + budget.items()
        + " items and "
        + Math.round(budget.readUnits())
        + " read units";
  }
}
