package org.newsindex.search;

import java.util.ArrayList;
import java.util.List;
import org.newsindex.index.ChunkSummary;
import org.newsindex.index.PostingEntry;
import org.newsindex.index.TermDirectory;

/**
 * The part of one term's posting list read so far, best first, and where reading would continue:
 * the rank key of the next unread chunk bounds every posting not yet seen.
 */
final class TermPostings {
  private final TermDirectory directory;
  private final List<PostingEntry> entries = new ArrayList<>();
  private int chunksRead;

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

  /** The rank key that bounds unread postings; only meaningful when not complete. */
  long unreadKey() {
    return nextChunk().hiKey();
  }

  void append(List<PostingEntry> chunk) {
    entries.addAll(chunk);
    chunksRead++;
  }
}
