package org.newsindex.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A term's entry in the index: its chunks of postings in best-first order, the surface forms seen
 * for it, and statistics derived from the chunk summaries (document frequency by kind, summed
 * frequencies), so the statistics are always exactly what the chunks hold. A list that fits in one
 * chunk (most lists) is stored inline, as chunk {@value #INLINE}, in the directory item itself: one
 * item to read and one to write per term. {@code retired} names the chunks its last edit replaced,
 * deleted once it was written (a writer that died before deleting them deletes them when it
 * finishes its round).
 */
public record TermDirectory(
    String term,
    List<ChunkSummary> chunks,
    List<String> forms,
    int nextChunkId,
    List<PostingEntry> inline,
    List<Integer> retired) {

  /** The id of the chunk stored inside the directory. */
  public static final int INLINE = 0;

  /** The term whose posting list holds every document, newest (highest ordinal) first. */
  public static final String ALL_DOCUMENTS = "*";

  public TermDirectory {
    chunks =
        chunks.stream()
            .sorted(
                Comparator.comparing(
                    (ChunkSummary c) -> c,
                    (a, b) -> PostingEntry.compare(a.hiKey(), a.hiOrd(), b.hiKey(), b.hiOrd())))
            .toList();
    forms = List.copyOf(forms);
    inline = List.copyOf(inline);
    retired = List.copyOf(retired);
  }

  public static TermDirectory empty(String term) {
    return new TermDirectory(term, List.of(), List.of(), 1, List.of(), List.of());
  }

  public int docFreq() {
    return chunks.stream().mapToInt(ChunkSummary::entries).sum();
  }

  public int docFreq(DocKind kind) {
    return chunks.stream()
        .mapToInt(c -> kind == DocKind.ARTICLE ? c.articles() : c.headlines())
        .sum();
  }

  public long tfSum() {
    return chunks.stream().mapToLong(ChunkSummary::tfSum).sum();
  }

  /** How many documents use each surface form, by form index. */
  public List<Integer> formCounts() {
    List<Integer> totals = new ArrayList<>();
    for (int i = 0; i < forms.size(); i++) {
      totals.add(0);
    }
    for (ChunkSummary chunk : chunks) {
      List<Integer> counts = chunk.formCounts();
      for (int i = 0; i < counts.size() && i < totals.size(); i++) {
        totals.set(i, totals.get(i) + counts.get(i));
      }
    }
    return totals;
  }

  /** The surface form most documents use, as a user would type the term. */
  public String displayForm() {
    List<Integer> counts = formCounts();
    int best = -1;
    for (int i = 0; i < counts.size(); i++) {
      if (best < 0 || counts.get(i) > counts.get(best)) {
        best = i;
      }
    }
    return best < 0 ? term : forms.get(best);
  }

  public boolean isEmpty() {
    return chunks.isEmpty();
  }
}
