package org.newsindex.index;

import java.time.Instant;
import java.util.List;

/**
 * A document as the index stores it: an article (one file's text) or a headline (listed by one or
 * more files). {@code sources} names the first files that list it, at most {@value #LISTED_SOURCES}
 * (by file ordinal, with their ordinals in {@code sourceOrds}), and {@code sourceCount} how many
 * list it in all; the files past the first {@value #LISTED_SOURCES} of a widely shared headline are
 * kept in {@code overflow} and in chunks of their own, so adding a file to a headline is a small
 * write however many files list it. {@code published} is when its story was published: an article's
 * file's, the earliest of a headline's files'.
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
    String contentHash,
    SourceOverflow overflow,
    Instant published) {

  /** How many source files a document, a search hit and a posting name at most. */
  public static final int LISTED_SOURCES = 20;

  public StoredDocument {
    sources = List.copyOf(sources);
    sourceOrds = List.copyOf(sourceOrds);
  }

  public int normByte() {
    return Bm25.normByte(length);
  }

  /** How many files list the document (one for an article). */
  public long sourceCount() {
    return sources.size() + overflow.count();
  }
}
