package org.newsindex.ingest;

import java.time.Instant;
import java.util.Optional;
import java.util.SortedMap;

/**
 * What happens to one shared headline in a compaction round, given the files that list it before
 * and after: it is created, its sources change, or it is deleted with its last source.
 */
record HeadlineChange(
    Kind kind,
    String id,
    long ord,
    String text,
    SortedMap<String, Integer> sources,
    Optional<Instant> ingestedAt) {
  enum Kind {
    CREATE,
    UPDATE,
    DELETE
  }
}
