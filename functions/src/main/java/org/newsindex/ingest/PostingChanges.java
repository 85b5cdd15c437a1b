package org.newsindex.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.newsindex.analysis.AnalyzedText;
import org.newsindex.analysis.TextAnalyzer;
import org.newsindex.index.DocKind;
import org.newsindex.index.PostingChange;
import org.newsindex.index.PostingEntry;
import org.newsindex.index.RankKey;
import org.newsindex.index.TermDirectory;

/** Collects, term by term, the posting changes that adding and removing documents make. */
final class PostingChanges {
  private final TextAnalyzer analyzer;
  private final Map<String, List<PostingChange>> byTerm = new HashMap<>();

  PostingChanges(TextAnalyzer analyzer) {
    this.analyzer = analyzer;
  }

  Map<String, List<PostingChange>> byTerm() {
    return byTerm;
  }

  /**
   * Adds (or re-adds with new sources) the document's entry to each of its terms and to the list of
   * all documents.
   */
  int add(long ord, DocKind kind, String text, int[] sources) {
    AnalyzedText analyzed = AnalyzedText.of(analyzer.tokens(text));
    int nb = RankKey.normByte(analyzed.length());
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
                            RankKey.of(occurrences.frequency(), nb)),
                        occurrences.surface())));
    change(
        TermDirectory.ALL_DOCUMENTS,
        new PostingChange.Upsert(
            new PostingEntry(ord, kind, analyzed.length(), nb, 0, new int[0], sources, ord), null));
    return analyzed.length();
  }

  /** Removes the document's entries, found by re-analysing the text it was indexed from. */
  void remove(long ord, String text) {
    AnalyzedText analyzed = AnalyzedText.of(analyzer.tokens(text));
    int nb = RankKey.normByte(analyzed.length());
    analyzed
        .terms()
        .forEach(
            (term, occurrences) ->
                change(
                    term, new PostingChange.Removal(ord, RankKey.of(occurrences.frequency(), nb))));
    change(TermDirectory.ALL_DOCUMENTS, new PostingChange.Removal(ord, ord));
  }

  private void change(String term, PostingChange change) {
    byTerm.computeIfAbsent(term, t -> new ArrayList<>()).add(change);
  }
}
