package org.newsindex.index;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary form of a chunk of postings: a format byte, a count and the earliest publication time
 * of its entries, then for each entry its ordinal, flags, frequency, norm byte, surface form,
 * delta-coded positions, delta-coded source ordinals and its publication time after the earliest,
 * all as variable-length integers. An entry's rank key is not stored: it follows from the entry
 * (the BM25 part of its frequency and length, or its ordinal in the list of all documents). About
 * fifteen bytes an entry, so one item holds thousands of postings.
 */
public final class ChunkCodec {
  private static final int HEADLINE = 1;
  private static final int FORMAT = 2;

  /** Chunks written before publication times were kept: read with a time of 0. */
  private static final int UNDATED_FORMAT = 1;

  private ChunkCodec() {}

  public static byte[] encode(List<PostingEntry> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(entries.size() * 14 + 4);
    out.write(FORMAT);
    Varints.write(out, entries.size());
    long earliest = entries.stream().mapToLong(PostingEntry::published).min().orElse(0);
    Varints.write(out, zigZag(earliest));
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
      Varints.write(out, e.published() - earliest);
    }
    return out.toByteArray();
  }

  private static long zigZag(long v) {
    return (v << 1) ^ (v >> 63);
  }

  private static long unZigZag(long v) {
    return (v >>> 1) ^ -(v & 1);
  }

  /** Decodes a chunk of the given term's list (the term decides how rank keys are derived). */
  public static List<PostingEntry> decode(byte[] bytes, String term) {
    Varints.Reader in = new Varints.Reader(bytes);
    int format = in.raw();
    if (format != FORMAT && format != UNDATED_FORMAT) {
      throw new IllegalStateException(
          "unknown posting chunk format " + format + " for term '" + term + "'");
    }
    boolean byOrdinal = TermDirectory.ALL_DOCUMENTS.equals(term);
    int n = (int) in.next();
    boolean dated = format == FORMAT;
    long earliest = dated ? unZigZag(in.next()) : 0;
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
      long published = dated ? earliest + in.next() : 0;
      long key = byOrdinal ? ListingKey.of(published, ord) : Bm25.rankKey(tf, nb);
      entries.add(new PostingEntry(ord, kind, tf, nb, form, positions, sources, published, key));
    }
    return entries;
  }
}
