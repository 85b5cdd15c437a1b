package org.newsindex.search;

import java.util.HashMap;
import java.util.Map;
import org.newsindex.index.DocKind;

/**
 * A document that may match a query, with what is known of it: its kind, norm byte, source files
 * and publication time, and the positions of query terms in it. A term is known when the document
 * was seen in the term's posting list or the list was read to its end; otherwise {@link #positions}
 * returns null.
 */
final class Candidate {
  static final int[] ABSENT = new int[0];

  final long ord;
  DocKind kind;
  int normByte;
  int[] sources;

  /** When the document was published, in seconds since the epoch. */
  long published;

  private final Map<String, int[]> positions = new HashMap<>();
  private boolean resolved;

  Candidate(long ord, DocKind kind, int normByte, int[] sources, long published) {
    this.ord = ord;
    this.kind = kind;
    this.normByte = normByte;
    this.sources = sources;
    this.published = published;
  }

  static Candidate of(org.newsindex.index.PostingEntry e) {
    return new Candidate(e.ord(), e.kind(), e.normByte(), e.sources(), e.published());
  }

  void put(String term, int[] termPositions) {
    positions.put(term, termPositions);
  }

  /** Marks every query term as known: the document's text was analysed. */
  void resolve(Map<String, int[]> allPositions) {
    positions.clear();
    positions.putAll(allPositions);
    resolved = true;
  }

  boolean resolved() {
    return resolved;
  }

  /** The term's positions, {@link #ABSENT} if the term is known not to occur, null if unknown. */
  int[] positions(String term, boolean listComplete) {
    int[] p = positions.get(term);
    if (p != null) {
      return p;
    }
    return resolved || listComplete ? ABSENT : null;
  }
}
