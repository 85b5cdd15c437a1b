package org.newsindex.bench;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.newsindex.index.StoredDocument;

/**
 * A kind of query the benchmark times, with the queries drawn for it: the search text, the extra
 * API parameters (a filter), and how many pages deep the timed request is.
 */
record QueryClass(String name, String description, List<Query> queries) {

  /**
   * One query of a class: the search text, a kind filter, the page timed, a publication-time range
   * (seconds, {@code [from, to)}; unbounded as {@link Long#MIN_VALUE}/{@link Long#MAX_VALUE}), and,
   * for a related-documents query, the document (its text then stands for {@code q} in the scan).
   */
  record Query(
      String q, String kind, int page, long from, long to, Optional<StoredDocument> related) {
    Query(String q) {
      this(q, "", 1);
    }

    Query(String q, String kind, int page) {
      this(q, kind, page, Long.MIN_VALUE, Long.MAX_VALUE, Optional.empty());
    }

    static Query dated(String q, Instant from, Instant to) {
      return new Query(q, "", 1, from.getEpochSecond(), to.getEpochSecond(), Optional.empty());
    }

    static Query like(StoredDocument doc) {
      return new Query(doc.title(), "", 1, Long.MIN_VALUE, Long.MAX_VALUE, Optional.of(doc));
    }

    boolean dated() {
      return from != Long.MIN_VALUE || to != Long.MAX_VALUE;
    }
  }
}
