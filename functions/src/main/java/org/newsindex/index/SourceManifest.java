package org.newsindex.index;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the index records about one S3 key once the writer has folded its latest event: the event
 * (sequencer, removed or not, eTag, size), the status decided on it with its reason and warnings,
 * and what of the file the index holds (its file ordinal, its article's ordinal and content hash,
 * the ids and ordinals of the headlines it lists, and when it was published). Written only by the
 * writer; events not yet folded wait as {@link PendingMarker}s.
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
    int fileOrd,
    long articleOrd,
    String articleHash,
    Set<String> headlineIds,
    Set<Long> headlineOrds,
    Optional<Instant> published) {

  public SourceManifest {
    warnings = List.copyOf(warnings);
    headlineIds = Set.copyOf(headlineIds);
    headlineOrds = Set.copyOf(headlineOrds);
  }

  public boolean hasArticle() {
    return articleOrd > 0;
  }
}
