package org.newsindex.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.newsindex.index.Deadline;
import org.newsindex.index.PostingEntry;
import org.newsindex.index.PostingStore;
import org.newsindex.index.TermDirectory;

/** Reads the next chunks of several terms' posting lists in one batch, best first. */
final class PostingReader {
  private final PostingStore store;
  private final Deadline deadline;

  PostingReader(PostingStore store, Deadline deadline) {
    this.store = store;
    this.deadline = deadline;
  }

  /**
   * Reads chunks of each list until it holds at least {@code minEntries} entries or is complete.
   */
  void readUntil(Collection<TermPostings> lists, int minEntries) {
    while (true) {
      List<TermPostings> wanting =
          lists.stream().filter(l -> !l.complete() && l.entries().size() < minEntries).toList();
      if (wanting.isEmpty()) {
        return;
      }
      readNext(wanting);
    }
  }

  /** Reads one more chunk of each list. */
  void readNext(Collection<TermPostings> lists) {
    List<PostingStore.ChunkRef> refs = new ArrayList<>();
    for (TermPostings l : lists) {
      if (!l.complete()) {
        refs.add(new PostingStore.ChunkRef(l.directory().term(), l.nextChunk().id()));
      }
    }
    Map<PostingStore.ChunkRef, List<PostingEntry>> chunks = store.chunks(refs, false, deadline);
    for (TermPostings l : lists) {
      if (l.complete()) {
        continue;
      }
      int id = l.nextChunk().id();
      l.append(
          id == TermDirectory.INLINE
              ? l.directory().inline()
              : chunks.getOrDefault(
                  new PostingStore.ChunkRef(l.directory().term(), id), List.of()));
    }
  }
}
