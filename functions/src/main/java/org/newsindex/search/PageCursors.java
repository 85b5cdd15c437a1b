package org.newsindex.search;

import java.util.List;

/**
 * Makes the cursor that continues a search after any hit of its page: the search's fingerprint and
 * scoring statistics, with the hit's place in the order. A page cut short (to keep a response
 * small) continues after its last hit shown.
 */
public final class PageCursors {
  private final byte[] key;
  private final String fingerprint;
  private final long docCount;
  private final long sumLength;
  private final List<Long> docFreqs;
  private final boolean byRelevance;

  PageCursors(
      byte[] key,
      String fingerprint,
      long docCount,
      long sumLength,
      List<Long> docFreqs,
      boolean byRelevance) {
    this.key = key.clone();
    this.fingerprint = fingerprint;
    this.docCount = docCount;
    this.sumLength = sumLength;
    this.docFreqs = List.copyOf(docFreqs);
    this.byRelevance = byRelevance;
  }

  /** The token of the page that starts right after this hit. */
  public String after(SearchHit hit) {
    return after(hit.score(), hit.ord(), hit.published().getEpochSecond());
  }

  String after(float score, long ord, long published) {
    return new SearchCursor(
            fingerprint,
            byRelevance ? score : 0f,
            ord,
            byRelevance ? 0 : published,
            docCount,
            sumLength,
            docFreqs)
        .encode(key);
  }
}
