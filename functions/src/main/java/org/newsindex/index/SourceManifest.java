package org.newsindex.index;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the index records about one S3 key: the latest event received for it (its sequencer,
 * eTag, size, the status and reason decided on it), what of the file is in the index now (its
 * article's ordinal and content hash, its headlines), and the compactor's intent while it changes
 * that (the ordinal allocated for a new article, ordinals of abandoned attempts, the headlines
 * being touched).
 */
public record SourceManifest(
    String key,
    String sequencer,
    boolean removed,
    String etag,
    long size,
    SourceStatus status,
    Optional<String> reason,
    List<String> warnings,
    Instant receivedAt,
    Optional<Instant> processedAt,
    Optional<String> pendingSequencer,
    int fileOrd,
    long articleOrd,
    String articleHash,
    Set<String> headlineIds,
    Optional<String> allocatedFor,
    long allocatedOrd,
    Set<Long> staleOrds,
    Set<String> intentHeadlines) {

  public SourceManifest {
    warnings = List.copyOf(warnings);
    headlineIds = Set.copyOf(headlineIds);
    staleOrds = Set.copyOf(staleOrds);
    intentHeadlines = Set.copyOf(intentHeadlines);
  }

  public boolean isPending() {
    return pendingSequencer.isPresent();
  }

  public boolean hasArticle() {
    return articleOrd > 0;
  }
}
