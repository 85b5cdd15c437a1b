package org.newsindex.verify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.newsindex.index.DocKind;
import org.newsindex.index.PostingEntry;

/**
 * What every term's postings should be, held compactly enough to check a table of millions of
 * postings in one heap: for each term, the ordinals of the documents that contain it (in ascending
 * order, as documents are added), a 64-bit digest of what each posting must hold, and the surface
 * form each document uses for it. About 20 bytes a posting, against some 200 for decoded postings
 * in maps. A digest that differs means the posting differs; the verifier then derives the expected
 * posting again from the document to say how.
 */
final class ExpectedPostings {
  private final Map<String, TermPostings> byTerm = new HashMap<>();
  private final Map<String, Integer> formIds = new HashMap<>();
  private final List<String> forms = new ArrayList<>();

  /** Records that document {@code ord} (added in ascending order) should hold this posting. */
  void add(String term, long ord, long digest, String form) {
    int formId = form == null ? -1 : formIds.computeIfAbsent(form, this::newForm);
    byTerm.computeIfAbsent(term, t -> new TermPostings()).add(ord, digest, formId);
  }

  private int newForm(String form) {
    forms.add(form);
    return forms.size() - 1;
  }

  java.util.Set<String> terms() {
    return byTerm.keySet();
  }

  /** The expected postings of one term; empty when no document contains it. */
  TermPostings of(String term) {
    return byTerm.getOrDefault(term, TermPostings.NONE);
  }

  String form(int id) {
    return id < 0 ? null : forms.get(id);
  }

  /** What a posting holds beside its ordinal, rank key and surface form: what must match. */
  static long digest(
      DocKind kind, int tf, int normByte, long published, int[] positions, int[] sources) {
    long h = mix(kind.ordinal() + 1);
    h = mix(h ^ tf);
    h = mix(h ^ normByte);
    h = mix(h ^ published);
    h = mix(h ^ positions.length);
    for (int p : positions) {
      h = mix(h ^ p);
    }
    h = mix(h ^ (sources.length + 0x5bd1e995L));
    for (int s : sources) {
      h = mix(h ^ s);
    }
    return h;
  }

  static long digest(PostingEntry e) {
    return digest(e.kind(), e.tf(), e.normByte(), e.published(), e.positions(), e.sources());
  }

  /** SplitMix64's finalizer: every input bit reaches every output bit. */
  private static long mix(long z) {
    z += 0x9e3779b97f4a7c15L;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /**
   * One term's expected postings in parallel arrays, and which of them the table was seen to hold.
   */
  static final class TermPostings {
    static final TermPostings NONE = new TermPostings();

    private long[] ords = new long[2];
    private long[] digests = new long[2];
    private int[] forms = new int[2];
    private java.util.BitSet seen;
    private int size;

    private void add(long ord, long digest, int form) {
      if (size > 0 && ords[size - 1] >= ord) {
        throw new IllegalArgumentException("documents must be added in ascending ordinal order");
      }
      if (size == ords.length) {
        int grown = size + (size >> 1) + 1;
        ords = Arrays.copyOf(ords, grown);
        digests = Arrays.copyOf(digests, grown);
        forms = Arrays.copyOf(forms, grown);
      }
      ords[size] = ord;
      digests[size] = digest;
      forms[size] = form;
      size++;
    }

    int size() {
      return size;
    }

    /** The index of {@code ord} among the expected postings, or a negative number if absent. */
    int indexOf(long ord) {
      return Arrays.binarySearch(ords, 0, size, ord);
    }

    long ord(int index) {
      return ords[index];
    }

    long digest(int index) {
      return digests[index];
    }

    int form(int index) {
      return forms[index];
    }

    /** Marks the posting at {@code index} as found in the table; false if it was found before. */
    boolean markSeen(int index) {
      if (seen == null) {
        seen = new java.util.BitSet(size);
      }
      if (seen.get(index)) {
        return false;
      }
      seen.set(index);
      return true;
    }

    boolean seen(int index) {
      return seen != null && seen.get(index);
    }

    int seenCount() {
      return seen == null ? 0 : seen.cardinality();
    }
  }
}
