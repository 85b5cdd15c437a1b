package org.newsindex.search;

/**
 * What one search may read from the index: DynamoDB items and read units, counted across every
 * prefix expansion, {@code source} listing, term directory, posting chunk and document it reads. A
 * search that would need more stops: with a 400 that names the part of the query that is too broad,
 * or, once it has results to rank, with the best of what it read and a total that is a lower bound.
 */
public record SearchBudget(int items, double readUnits) {

  /**
   * Room for every query the benchmark runs (at most 58 items and 26 read units at 10,000 articles)
   * many times over, and for one prefix that expands to its full 128 terms.
   */
  public static final SearchBudget DEFAULT = new SearchBudget(1_000, 500);

  public SearchBudget {
    if (items < 1 || !(readUnits >= 1)) {
      throw new IllegalArgumentException(
          "a search budget needs at least 1 item and 1 read unit, got " + items + ", " + readUnits);
    }
  }
}
