package org.newsindex.search;

import java.time.Instant;
import java.util.List;
import org.newsindex.index.DocKind;

/**
 * One result: the document, its highlighted snippet (escaped HTML with {@code <em>} marks), the
 * first source files that list it (at most 20) with how many list it in all, its score, and when
 * its story was published and it was ingested.
 */
public record SearchHit(
    String id,
    long ord,
    DocKind kind,
    String title,
    String snippet,
    List<String> sources,
    long sourceCount,
    float score,
    Instant published,
    Instant ingestedAt) {

  public SearchHit {
    sources = List.copyOf(sources);
  }
}
