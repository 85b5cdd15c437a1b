package org.newsindex.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.newsindex.index.ChunkSummary;
import org.newsindex.index.PostingEntry;
import org.newsindex.index.PostingStore;
import org.newsindex.index.TermDirectory;

/**
 * Reads the next chunks of several terms' posting lists in one batch, best first, as far as the
 * search's budget allows: a batch whose estimated cost (from the chunks' sizes in their
 * directories) does not fit is not read.
 */
final class PostingReader {
  private final PostingStore store;
  private final ReadAllowance allowance;

  PostingReader(PostingStore store, ReadAllowance allowance) {
    this.store = store;
    this.allowance = allowance;
  }

  /**
   * Reads chunks of each list until it holds at least {@code minEntries} entries or is complete;
   * false if the budget stopped it first.
   */
  boolean readUntil(Collection<TermPostings> lists, int minEntries) {
    while (true) {
      List<TermPostings> wanting =
          lists.stream().filter(l -> !l.complete() && l.entries().size() < minEntries).toList();
      if (wanting.isEmpty()) {
        return true;
      }
      if (!readNext(wanting)) {
        return false;
      }
    }
  }

  /**
   * Reads every chunk not yet read of every list, in one batch of parallel requests rather than a
   * chunk of each list a round trip; false (and nothing read) if the budget cannot pay for all.
   */
  boolean readRest(Collection<TermPostings> lists) {
    allowance.checkTime();
    List<PostingStore.ChunkRef> refs = new ArrayList<>();
    double units = 0;
    for (TermPostings l : lists) {
      for (ChunkSummary c : l.unreadChunks()) {
        if (c.id() != TermDirectory.INLINE) {
          refs.add(new PostingStore.ChunkRef(l.directory().term(), c.id()));
          units += ReadAllowance.units(c.bytes());
        }
      }
    }
    if (!allowance.affords(refs.size(), units)) {
      return false;
    }
    Map<PostingStore.ChunkRef, List<PostingEntry>> chunks =
        store.chunks(refs, false, allowance.deadline());
    for (TermPostings l : lists) {
      while (!l.complete()) {
        append(l, chunks);
      }
    }
    return true;
  }

  private static void append(
      TermPostings l, Map<PostingStore.ChunkRef, List<PostingEntry>> chunks) {
    int id = l.nextChunk().id();
    l.append(
        id == TermDirectory.INLINE
            ? l.directory().inline()
            : chunks.getOrDefault(new PostingStore.ChunkRef(l.directory().term(), id), List.of()));
  }

  /** Reads one more chunk of each list; false (and nothing read) if the budget cannot pay. */
  boolean readNext(Collection<TermPostings> lists) {
    allowance.checkTime();
    List<PostingStore.ChunkRef> refs = new ArrayList<>();
    double units = 0;
    for (TermPostings l : lists) {
      if (!l.complete() && l.nextChunk().id() != TermDirectory.INLINE) {
        ChunkSummary next = l.nextChunk();
        refs.add(new PostingStore.ChunkRef(l.directory().term(), next.id()));
        units += ReadAllowance.units(next.bytes());
      }
    }
    if (!allowance.affords(refs.size(), units)) {
      return false;
    }
    Map<PostingStore.ChunkRef, List<PostingEntry>> chunks =
        store.chunks(refs, false, allowance.deadline());
    for (TermPostings l : lists) {
      if (!l.complete()) {
        append(l, chunks);
      }
    }
    return true;
  }
}
