package org.newsindex.search;

import java.util.Optional;

/**
 * The request's filters on a candidate: its kinds, its source files, its publication range, and the
 * one document a search for related documents leaves out. Each filter can be asked alone, as a
 * facet counts under every filter but its own.
 */
final class CandidateFilter {
  private final SearchRequest request;
  private final Optional<SourceFilter> sourceFiles;
  private final long excluded;

  /**
   * @param excluded the ordinal of a document no result may be, or -1
   */
  CandidateFilter(SearchRequest request, Optional<SourceFilter> sourceFiles, long excluded) {
    this.request = request;
    this.sourceFiles = sourceFiles;
    this.excluded = excluded;
  }

  /** Whether the candidate passes every filter. */
  boolean accepts(Candidate c) {
    return byKind(c) && byPublished(c) && bySource(c);
  }

  boolean byKind(Candidate c) {
    return c.ord != excluded && request.acceptsKind(c.kind);
  }

  boolean byPublished(Candidate c) {
    return c.ord != excluded && request.published().accepts(c.published);
  }

  boolean bySource(Candidate c) {
    return c.ord != excluded
        && (sourceFiles.isEmpty() || sourceFiles.get().accepts(c.ord, c.kind, c.sources));
  }
}
