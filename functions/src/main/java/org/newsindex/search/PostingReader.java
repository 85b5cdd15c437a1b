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
    return read(lists, Integer.MAX_VALUE);
  }

  /** Reads one more chunk of each list; false (and nothing read) if the budget cannot pay. */
  boolean readNext(Collection<TermPostings> lists) {
    return read(lists, 1);
  }

  /** Reads up to {@code perList} more chunks of each list in one batch, if the budget can pay. */
  private boolean read(Collection<TermPostings> lists, int perList) {
    allowance.checkTime();
    List<PostingStore.ChunkRef> refs = new ArrayList<>();
    double units = 0;
    for (TermPostings l : lists) {
      for (ChunkSummary c : wanted(l, perList)) {
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
      for (int n = wanted(l, perList).size(); n > 0; n--) {
        int id = l.nextChunk().id();
        l.append(
            id == TermDirectory.INLINE
                ? l.directory().inline()
                : chunks.getOrDefault(
                    new PostingStore.ChunkRef(l.directory().term(), id), List.of()));
      }
    }
    return true;
  }

  private static List<ChunkSummary> wanted(TermPostings l, int perList) {
    List<ChunkSummary> unread = l.unreadChunks();
    return unread.subList(0, Math.min(perList, unread.size()));
  }
}
