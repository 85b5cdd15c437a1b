package org.newsindex.ingest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.newsindex.corpus.CorpusFile;
import org.newsindex.index.DocumentIds;
import org.newsindex.index.SourceManifest;
import org.newsindex.index.SourceStatus;

/**
 * What one file should contribute to the index after its latest event: its article (if any), its
 * headlines by id, and the status to record once the index reflects it.
 */
record DesiredFile(
    SourceManifest manifest,
    Optional<CorpusFile.Article> article,
    Map<String, String> headlines,
    SourceStatus finalStatus,
    Optional<String> reason) {

  static DesiredFile nothing(
      SourceManifest manifest, SourceStatus status, Optional<String> reason) {
    return new DesiredFile(manifest, Optional.empty(), Map.of(), status, reason);
  }

  static DesiredFile of(SourceManifest manifest, CorpusFile file) {
    Map<String, String> headlines = new LinkedHashMap<>();
    file.headlines().forEach(h -> headlines.putIfAbsent(DocumentIds.headline(h), h));
    return new DesiredFile(
        manifest, file.article(), headlines, SourceStatus.INGESTED, Optional.empty());
  }

  String key() {
    return manifest.key();
  }

  String articleHash() {
    return article.map(a -> DocumentIds.digest(a.text())).orElse("");
  }

  /** Whether the article in the index already is the one wanted. */
  boolean keepsArticle() {
    return article.isPresent()
        && manifest.hasArticle()
        && articleHash().equals(manifest.articleHash());
  }
}
