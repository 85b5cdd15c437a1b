package org.newsindex.search;

import java.util.Optional;
import java.util.Set;
import org.newsindex.index.DocKind;
import org.newsindex.index.KeyText;

/**
 * A search: the query text (absent to list documents), the kinds and source (an S3 key or key
 * prefix) to filter by, the page size, the order, the cursor of the previous page, the range of
 * publication times to filter by, and the buckets of the publication-time facet, if wanted.
 */
public record SearchRequest(
    Optional<String> q,
    Set<DocKind> kinds,
    Optional<String> source,
    int limit,
    SortOrder sort,
    Optional<String> cursor,
    PublishedFilter published,
    Optional<Histogram> histogram) {

  public static final int MAX_LIMIT = 100;
  public static final int DEFAULT_LIMIT = 10;

  /**
   * The longest {@code source}, in UTF-8 bytes: the condition on the table's file records holds all
   * of it, so the files listed are exactly those whose key starts with it.
   */
  public static final int MAX_SOURCE_BYTES = 1_000;

  public SearchRequest {
    kinds = Set.copyOf(kinds);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new BadQueryException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
    }
    source.ifPresent(
        s -> {
          int bytes = KeyText.utf8Length(s);
          if (bytes > MAX_SOURCE_BYTES) {
            throw new BadQueryException(
                String.format(
                    "source is %,d bytes in UTF-8; it may be at most %,d bytes",
                    bytes, MAX_SOURCE_BYTES));
          }
        });
    if (sort == SortOrder.RELEVANCE && q.isEmpty()) {
      throw new BadQueryException(
          "sort=relevance needs a q; without q, results are listed by publication time (sort=newest"
              + " or oldest)");
    }
  }

  public static SearchRequest of(String q) {
    return new SearchRequest(
        Optional.of(q),
        Set.of(),
        Optional.empty(),
        DEFAULT_LIMIT,
        SortOrder.RELEVANCE,
        Optional.empty(),
        PublishedFilter.NONE,
        Optional.empty());
  }

  /** Whether a document of this kind passes the kind filter. */
  public boolean acceptsKind(DocKind kind) {
    return kinds.isEmpty() || kinds.contains(kind);
  }
}
