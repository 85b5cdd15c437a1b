package org.newsindex.index;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The source files of a widely shared headline past its first {@value
 * StoredDocument#LISTED_SOURCES}: sealed chunks (their first and last file ordinal and how many
 * they hold, each stored as an item of its own) and a tail of the newest ones, held in the document
 * until there are enough to seal a chunk. Empty for nearly every document.
 */
public record SourceOverflow(List<SealedChunk> sealed, SortedSet<Integer> tail) {
  /** A tail this long is sealed into a chunk item (about 2 KB of varints). */
  static final int SEAL_AT = 1000;

  public static final SourceOverflow NONE = new SourceOverflow(List.of(), new TreeSet<>());

  public SourceOverflow {
    sealed = List.copyOf(sealed);
    tail = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(tail));
  }

  /** One sealed chunk of file ordinals, stored under the key of its first. */
  public record SealedChunk(int first, int last, int count) {}

  public long count() {
    return tail.size() + sealed.stream().mapToLong(SealedChunk::count).sum();
  }

  public boolean isEmpty() {
    return sealed.isEmpty() && tail.isEmpty();
  }
}
