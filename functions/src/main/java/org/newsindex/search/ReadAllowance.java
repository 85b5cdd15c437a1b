package org.newsindex.search;

import org.newsindex.index.Bm25;
import org.newsindex.index.Deadline;
import org.newsindex.index.DocKind;
import org.newsindex.index.ReadMeter;

/**
 * One search's budget as it is spent, and its deadline. Before a read the search asks whether the
 * read's estimated cost fits in what is left (less what the page itself will need); after it, the
 * meter holds what DynamoDB reported. Estimates come from what the index records before a read: a
 * chunk's size in its directory, a document's length in its postings.
 */
final class ReadAllowance {
  /** Read units of an eventually consistent read of up to 4 KB. */
  static final double UNITS_PER_ITEM = 0.5;

  /** UTF-8 bytes of stored text per indexed term, generously: words, stop words, spacing. */
  static final int TEXT_BYTES_PER_TERM = 12;

  /** Key and attributes of an item besides its payload. */
  private static final int ITEM_OVERHEAD_BYTES = 200;

  private final SearchBudget budget;
  private final ReadMeter meter;
  private final Deadline deadline;
  private long reservedItems;
  private double reservedUnits;

  ReadAllowance(SearchBudget budget, ReadMeter meter, Deadline deadline) {
    this.budget = budget;
    this.meter = meter;
    this.deadline = deadline;
  }

  SearchBudget budget() {
    return budget;
  }

  Deadline deadline() {
    return deadline;
  }

  /** Keeps room for reads the search makes whatever it finds (its page of documents). */
  void reserve(long items, double units) {
    reservedItems = items;
    reservedUnits = units;
  }

  /** Whether reads of this many items and estimated units fit in what is left unreserved. */
  boolean affords(long items, double units) {
    return meter.items() + items + reservedItems <= budget.items()
        && meter.capacityUnits() + units + reservedUnits <= budget.readUnits();
  }

  /** Items that can still be read, leaving the reserve. */
  long itemsLeft() {
    return Math.max(0, budget.items() - reservedItems - meter.items());
  }

  /** Whether what was read so far (and the reserve) passes the budget. */
  boolean overspent() {
    return !affords(0, 0);
  }

  long itemsRead() {
    return meter.items();
  }

  double unitsRead() {
    return meter.capacityUnits();
  }

  /** Throws if the deadline has passed; called before each read. */
  void checkTime() {
    if (deadline.passed()) {
      throw new SearchTimeoutException(
          "the search ran out of time after reading "
              + meter.items()
              + " items; try again, or narrow the query");
    }
  }

  /** The read units of an eventually consistent read of one item of this many payload bytes. */
  static double units(long payloadBytes) {
    long bytes = payloadBytes + ITEM_OVERHEAD_BYTES;
    return Math.ceil(bytes / 4096.0) * UNITS_PER_ITEM;
  }

  /** The estimated read units of a document, from its kind and norm byte (its length). */
  static double documentUnits(DocKind kind, int normByte) {
    if (kind == DocKind.HEADLINE) {
      return UNITS_PER_ITEM;
    }
    return units((long) Bm25.decodedLength(normByte) * TEXT_BYTES_PER_TERM);
  }
}
