package org.newsindex.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.newsindex.index.Bm25;
import org.newsindex.index.ChunkSummary;
import org.newsindex.index.ListingKey;
import org.newsindex.index.PostingEntry;
import org.newsindex.index.TermDirectory;

/**
 * The part of one term's posting list read so far, best first, and what bounds the rest: the
 * summaries of the chunks not yet read.
 */
final class TermPostings {
  private final TermDirectory directory;
  private final List<PostingEntry> entries = new ArrayList<>();
  private int chunksRead;

  /**
   * The last unread bound and the average length it was computed for (NaN: none since the last
   * read).
   */
  private double unreadBound;

  private double unreadBoundAvgLength = Double.NaN;

  /** The chunks in the order they are read. */
  private final List<ChunkSummary> order;

  /** Whether each chunk's entries are taken last first (the list read from its end). */
  private final boolean backwards;

  TermPostings(TermDirectory directory) {
    this(directory, directory.chunks(), false);
  }

  private TermPostings(TermDirectory directory, List<ChunkSummary> order, boolean backwards) {
    this.directory = directory;
    this.order = order;
    this.backwards = backwards;
  }

  /**
   * The list of all documents, read newest first or (backwards) oldest first, skipping the chunks
   * that hold no document published within the filter's range: the list's keys are {@link
   * ListingKey}s, so a chunk's key range is a range of publication times.
   */
  static TermPostings listing(TermDirectory all, boolean oldestFirst, PublishedFilter filter) {
    long lowest = filter.from().map(f -> ListingKey.atOrAfter(f.getEpochSecond())).orElse(0L);
    long beyond =
        filter.to().map(t -> ListingKey.atOrAfter(t.getEpochSecond())).orElse(Long.MAX_VALUE);
    List<ChunkSummary> order =
        new ArrayList<>(
            all.chunks().stream().filter(c -> c.hiKey() >= lowest && c.loKey() < beyond).toList());
    if (oldestFirst) {
      Collections.reverse(order);
    }
    return new TermPostings(all, order, oldestFirst);
  }

  TermDirectory directory() {
    return directory;
  }

  List<PostingEntry> entries() {
    return entries;
  }

  boolean complete() {
    return chunksRead >= order.size();
  }

  /** The next chunk to read, if any. */
  ChunkSummary nextChunk() {
    return order.get(chunksRead);
  }

  /**
   * An upper bound of the BM25 term-frequency part of every posting not yet read (0 when complete).
   */
  double unreadBound(double avgLength) {
    if (avgLength != unreadBoundAvgLength) {
      double bound = 0;
      for (int i = chunksRead; i < order.size(); i++) {
        bound = Math.max(bound, Bm25.chunkBound(order.get(i), avgLength));
      }
      unreadBound = bound;
      unreadBoundAvgLength = avgLength;
    }
    return unreadBound;
  }

  /** The chunks not yet read, in the order they are read. */
  List<ChunkSummary> unreadChunks() {
    return order.subList(chunksRead, order.size());
  }

  /** The read units the chunks not yet read cost (a directory's inline chunk costs none). */
  double unreadUnits() {
    double units = 0;
    for (ChunkSummary c : unreadChunks()) {
      if (c.id() != TermDirectory.INLINE) {
        units += ReadAllowance.units(c.bytes());
      }
    }
    return units;
  }

  void append(List<PostingEntry> chunk) {
    if (backwards) {
      List<PostingEntry> reversed = new ArrayList<>(chunk);
      Collections.reverse(reversed);
      entries.addAll(reversed);
    } else {
      entries.addAll(chunk);
    }
    chunksRead++;
    unreadBoundAvgLength = Double.NaN;
  }
}
