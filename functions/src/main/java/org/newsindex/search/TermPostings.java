package org.newsindex.search;

import java.util.ArrayList;
import java.util.List;
import org.newsindex.index.ChunkSummary;
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

  TermPostings(TermDirectory directory) {
    this.directory = directory;
  }

  TermDirectory directory() {
    return directory;
  }

  List<PostingEntry> entries() {
    return entries;
  }

  boolean complete() {
    return chunksRead >= directory.chunks().size();
  }

  /** The next chunk to read, if any. */
  ChunkSummary nextChunk() {
    return directory.chunks().get(chunksRead);
  }

  /**
   * An upper bound of the BM25 term-frequency part of every posting not yet read (0 when complete).
   */
  double unreadBound(double avgLength) {
    if (avgLength != unreadBoundAvgLength) {
      double bound = 0;
      for (int i = chunksRead; i < directory.chunks().size(); i++) {
        bound = Math.max(bound, directory.chunks().get(i).bound(avgLength));
      }
      unreadBound = bound;
      unreadBoundAvgLength = avgLength;
    }
    return unreadBound;
  }

  void append(List<PostingEntry> chunk) {
    entries.addAll(chunk);
    chunksRead++;
    unreadBoundAvgLength = Double.NaN;
  }
}
