package org.newsindex.index;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.newsindex.analysis.AnalyzedText;

/** Collects, term by term, the posting changes that adding and removing documents make. */
final class PostingChanges {
  private final Map<String, List<PostingChange>> byTerm = new HashMap<>();

  Map<String, List<PostingChange>> byTerm() {
    return byTerm;
  }

  /**
   * Adds (or re-adds with new sources) the document's entry to each of its terms and to the list of
   * all documents.
   */
  void add(long ord, DocKind kind, AnalyzedText analyzed, int[] sources, Instant published) {
    long seconds = published.getEpochSecond();
    int nb = Bm25.normByte(analyzed.length());
    analyzed
        .terms()
        .forEach(
            (term, occurrences) ->
                change(
                    term,
                    new PostingChange.Upsert(
                        new PostingEntry(
                            ord,
                            kind,
                            occurrences.frequency(),
                            nb,
                            0,
                            occurrences.positions(),
                            sources,
                            seconds,
                            Bm25.rankKey(occurrences.frequency(), nb)),
                        occurrences.surface())));
    change(
        TermDirectory.ALL_DOCUMENTS,
        new PostingChange.Upsert(
            new PostingEntry(
                ord,
                kind,
                analyzed.length(),
                nb,
                0,
                new int[0],
                sources,
                seconds,
                ListingKey.of(seconds, ord)),
            null));
  }

  /**
   * Removes the document's entries, found from the analysis of the text and the publication time it
   * was indexed with.
   */
  void remove(long ord, AnalyzedText analyzed, Instant published) {
    int nb = Bm25.normByte(analyzed.length());
    analyzed
        .terms()
        .forEach(
            (term, occurrences) ->
                change(
                    term,
                    new PostingChange.Removal(ord, Bm25.rankKey(occurrences.frequency(), nb))));
    change(TermDirectory.ALL_DOCUMENTS, listingRemoval(ord, published));
  }

  /**
   * Moves the document's entry in the list of all documents from one publication time's place to
   * another's; call before re-adding it with the new time.
   */
  void moveListing(long ord, Instant from, Instant to) {
    if (from.getEpochSecond() != to.getEpochSecond()) {
      change(TermDirectory.ALL_DOCUMENTS, listingRemoval(ord, from));
    }
  }

  private static PostingChange listingRemoval(long ord, Instant published) {
    return new PostingChange.Removal(ord, ListingKey.of(published.getEpochSecond(), ord));
  }

  private void change(String term, PostingChange change) {
    byTerm.computeIfAbsent(term, t -> new ArrayList<>()).add(change);
  }
}
