package org.newsindex.index;

import java.util.Arrays;

/**
 * One document in one term's posting list: the document's ordinal, kind, norm byte, source files
 * (their ordinals) and publication time (epoch seconds), the term's frequency and positions in it,
 * and which surface form of the term the document uses most. In the list of all documents, {@code
 * tf} holds the document's length.
 */
public record PostingEntry(
    long ord,
    DocKind kind,
    int tf,
    int normByte,
    int form,
    int[] positions,
    int[] sources,
    long published,
    long key) {

  /** Orders entries best first: higher key, then lower ordinal. */
  public static int compare(long keyA, long ordA, long keyB, long ordB) {
    int byKey = Long.compare(keyB, keyA);
    return byKey != 0 ? byKey : Long.compare(ordA, ordB);
  }

  public int compareTo(PostingEntry other) {
    return compare(key, ord, other.key, other.ord);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PostingEntry e
        && ord == e.ord
        && kind == e.kind
        && tf == e.tf
        && normByte == e.normByte
        && form == e.form
        && key == e.key
        && published == e.published
        && Arrays.equals(positions, e.positions)
        && Arrays.equals(sources, e.sources);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(ord) * 31 + tf;
  }

  @Override
  public String toString() {
    return "PostingEntry[ord="
        + ord
        + ", kind="
        + kind
        + ", tf="
        + tf
        + ", nb="
        + normByte
        + ", form="
        + form
        + ", positions="
        + Arrays.toString(positions)
        + ", sources="
        + Arrays.toString(sources)
        + ", published="
        + published
        + ", key="
        + key
        + "]";
  }
}
