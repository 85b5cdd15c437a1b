package org.newsindex.index;

import java.time.Instant;
import java.util.List;

/**
 * A document as the index stores it: an article (one file's text) or a headline (listed by one or
 * more files, named in {@code sources}, with their file ordinals in {@code sourceOrds}).
 */
public record StoredDocument(
    long ord,
    String id,
    DocKind kind,
    String title,
    String text,
    List<String> sources,
    List<Integer> sourceOrds,
    int length,
    Instant ingestedAt,
    String contentHash) {

  public StoredDocument {
    sources = List.copyOf(sources);
    sourceOrds = List.copyOf(sourceOrds);
  }

  public int normByte() {
    return RankKey.normByte(length);
  }
}
