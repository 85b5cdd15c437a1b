package org.newsindex.index;

import java.util.List;

/**
 * What a term's directory knows of one chunk of its postings without reading it: where it sits in
 * the best-first order (its first and last key and ordinal), how many entries of each kind it
 * holds, the summed frequencies (document lengths, in the list of all documents), its size, how
 * many of its documents use each surface form of the term, and its highest frequency and shortest
 * document (the norm byte), which bound the BM25 score of any of its postings for whatever average
 * length.
 */
public record ChunkSummary(
    int id,
    long hiKey,
    long hiOrd,
    long loKey,
    long loOrd,
    int articles,
    int headlines,
    long tfSum,
    int bytes,
    List<Integer> formCounts,
    int maxTf,
    int minNormByte) {

  public ChunkSummary {
    formCounts = List.copyOf(formCounts);
  }

  public int entries() {
    return articles + headlines;
  }
}
