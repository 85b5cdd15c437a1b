package org.newsindex.index;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.newsindex.analysis.AnalyzedText;
import org.newsindex.corpus.CorpusFile;

/**
 * What one file's latest waiting event asks of the index, decided once (the file read and parsed
 * once): index its new content, reject it with a reason, withdraw it because it was deleted, record
 * that its content is unchanged, or nothing (a duplicate or older event, or one whose object has
 * changed again since). All its waiting markers are folded with it.
 */
record FileChange(
    PendingMarker marker,
    List<PendingMarker> markers,
    Optional<SourceManifest> before,
    Action action,
    Optional<Article> article,
    Map<String, Headline> headlines,
    List<String> warnings,
    Optional<String> reason,
    Optional<Instant> published) {

  /** What the writer does with the file. */
  enum Action {
    /** Index the content read (status ingested). */
    INDEX,
    /** Withdraw what the file contributed and record why (status rejected). */
    REJECT,
    /** Withdraw what the file contributed (status deleted). */
    DELETE,
    /** The object is re-uploaded with the same content: only the event is recorded. */
    UNCHANGED,
    /** Nothing to do but drop the markers: a duplicate, an older event, or a superseded one. */
    SKIP
  }

  /** The article as it will be stored and indexed. */
  record Article(String title, String text, String hash, AnalyzedText analyzed) {
    static Article of(CorpusFile.Article a, AnalyzedText analyzed) {
      String text = a.text();
      return new Article(a.title(), text, DocumentIds.digest(text), analyzed);
    }
  }

  /** A headline the file lists: its text as first seen and its analysis. */
  record Headline(String text, AnalyzedText analyzed) {}

  String key() {
    return marker.key();
  }

  /** When the file's story was published, as the index holds it now (before this change). */
  Optional<Instant> publishedBefore() {
    return before.flatMap(SourceManifest::published);
  }

  /** Whether the publication time the index holds for the file changes. */
  boolean changesPublished() {
    return action == Action.INDEX && !published.equals(publishedBefore());
  }

  /** Whether the article the index holds for the file is already this one, as dated. */
  boolean keepsArticle() {
    return article.isPresent()
        && !changesPublished()
        && before
            .map(m -> m.hasArticle() && m.articleHash().equals(article.get().hash()))
            .orElse(false);
  }

  /** Headline ids the index holds for the file now. */
  java.util.Set<String> headlinesBefore() {
    return before.map(SourceManifest::headlineIds).orElse(java.util.Set.of());
  }

  /**
   * What folding the file costs, in bytes of text: its article, and about as much as 300 bytes of
   * article per headline (a document, its pointer, its suggestion and a dozen postings).
   */
  long work() {
    return article.map(a -> (long) a.text().length()).orElse(0L) + 300L * headlines.size() + 200;
  }

  /** About what a round holds in memory for each term of each of a file's documents, in bytes. */
  static final int BYTES_PER_TERM = 360;

  /** About what a round holds for a file whose earlier article it takes out of the index. */
  static final int BYTES_PER_REMOVAL = 64 * 1024;

  /**
   * About how much memory folding the file takes, in bytes: for each term of each of its documents
   * the analysis (positions, surface form) and the posting made from it, some 360 bytes in all
   * (measured: 150 KB for a generated file of 3 KB of article and 17 headlines, 393 terms); its
   * text, twice; and an article it replaces, read back and analysed to take out its postings.
   */
  long memory() {
    long terms = 0;
    long chars = 0;
    if (article.isPresent()) {
      terms += article.get().analyzed().terms().size();
      chars += article.get().text().length();
    }
    for (Headline h : headlines.values()) {
      terms += h.analyzed().terms().size();
      chars += h.text().length();
    }
    long removal =
        before.map(m -> m.hasArticle() && !keepsArticle() ? BYTES_PER_REMOVAL : 0).orElse(0);
    return 2048 + 2 * chars + BYTES_PER_TERM * terms + removal;
  }

  SourceStatus finalStatus() {
    return switch (action) {
      case INDEX, UNCHANGED -> SourceStatus.INGESTED;
      case REJECT -> SourceStatus.REJECTED;
      case DELETE -> SourceStatus.DELETED;
      case SKIP -> before.map(SourceManifest::status).orElse(SourceStatus.PENDING);
    };
  }

  /** Why a file is skipped: its event was folded already, or an older one, or superseded. */
  static final String DUPLICATE = "duplicate";

  static final String STALE = "stale";
  static final String SUPERSEDED = "superseded";

  static FileChange skip(
      PendingMarker latest,
      List<PendingMarker> markers,
      Optional<SourceManifest> before,
      String why) {
    return new FileChange(
        latest,
        markers,
        before,
        Action.SKIP,
        Optional.empty(),
        Map.of(),
        List.of(),
        Optional.of(why),
        Optional.empty());
  }

  /** What the writer decided, as the ingest log names it. */
  String decision() {
    return switch (action) {
      case INDEX -> "indexed";
      case REJECT -> "rejected";
      case DELETE -> "deleted";
      case UNCHANGED -> "unchanged";
      case SKIP -> reason.orElse("skipped");
    };
  }

  static FileChange withdraw(
      PendingMarker latest,
      List<PendingMarker> markers,
      Optional<SourceManifest> before,
      Action action,
      Optional<String> reason) {
    return new FileChange(
        latest,
        markers,
        before,
        action,
        Optional.empty(),
        Map.of(),
        List.of(),
        reason,
        Optional.empty());
  }

  /** The same change, now rejected with a reason (its content is not indexed). */
  FileChange rejected(String why) {
    return withdraw(marker, markers, before, Action.REJECT, Optional.of(why));
  }
}
