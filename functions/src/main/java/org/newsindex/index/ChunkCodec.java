package org.newsindex.index;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary form of a chunk of postings: a format byte and a count, then for each entry its
 * ordinal, flags, frequency, norm byte, surface form, delta-coded positions and delta-coded source
 * ordinals, all as variable-length integers. An entry's rank key is not stored: it follows from the
 * entry (the BM25 part of its frequency and length, or its ordinal in the list of all documents).
 * About a dozen bytes an entry, so one item holds thousands of postings.
 */
public final class ChunkCodec {
  private static final int HEADLINE = 1;
  private static final int FORMAT = 1;

  private ChunkCodec() {}

  public static byte[] encode(List<PostingEntry> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(entries.size() * 14 + 4);
    out.write(FORMAT);
    Varints.write(out, entries.size());
    for (PostingEntry e : entries) {
      Varints.write(out, e.ord());
      out.write(e.kind() == DocKind.HEADLINE ? HEADLINE : 0);
      Varints.write(out, e.tf());
      out.write(e.normByte());
      Varints.write(out, e.form());
      Varints.write(out, e.positions().length);
      int previous = 0;
      for (int p : e.positions()) {
        Varints.write(out, p - previous);
        previous = p;
      }
      Varints.write(out, e.sources().length);
      previous = 0;
      for (int s : e.sources()) {
        Varints.write(out, s - previous);
        previous = s;
      }
    }
    return out.toByteArray();
  }

  /** Decodes a chunk of the given term's list (the term decides how rank keys are derived). */
  public static List<PostingEntry> decode(byte[] bytes, String term) {
    Varints.Reader in = new Varints.Reader(bytes);
    int format = in.raw();
    if (format != FORMAT) {
      throw new IllegalStateException(
          "unknown posting chunk format " + format + " for term '" + term + "'");
    }
    boolean byOrdinal = TermDirectory.ALL_DOCUMENTS.equals(term);
    int n = (int) in.next();
    List<PostingEntry> entries = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long ord = in.next();
      DocKind kind = (in.raw() & HEADLINE) != 0 ? DocKind.HEADLINE : DocKind.ARTICLE;
      int tf = (int) in.next();
      int nb = in.raw();
      int form = (int) in.next();
      int[] positions = new int[(int) in.next()];
      int previous = 0;
      for (int p = 0; p < positions.length; p++) {
        previous += (int) in.next();
        positions[p] = previous;
      }
      int[] sources = new int[(int) in.next()];
      previous = 0;
      for (int s = 0; s < sources.length; s++) {
        previous += (int) in.next();
        sources[s] = previous;
      }
      long key = byOrdinal ? ord : RankKey.of(tf, nb);
      entries.add(new PostingEntry(ord, kind, tf, nb, form, positions, sources, key));
    }
    return entries;
  }
}
