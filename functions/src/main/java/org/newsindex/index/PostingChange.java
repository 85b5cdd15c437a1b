package org.newsindex.index;

/** One change to a term's posting list: remove a document's entry, or add or replace it. */
public sealed interface PostingChange {
  long ord();

  long key();

  /** Removes the entry of document {@code ord}, which sits at {@code key} in the list's order. */
  record Removal(long ord, long key) implements PostingChange {}

  /**
   * Adds or replaces an entry; {@code form} is the surface form the document uses (null in the
   * all-documents list).
   */
  record Upsert(PostingEntry entry, String form) implements PostingChange {
    @Override
    public long ord() {
      return entry.ord();
    }

    @Override
    public long key() {
      return entry.key();
    }
  }
}
