package org.newsindex.bench;

import java.util.List;

/**
 * A kind of query the benchmark times, with the queries drawn for it: the search text, the extra
 * API parameters (a filter), and how many pages deep the timed request is.
 */
record QueryClass(String name, String description, List<Query> queries) {

  /** One query of a class. */
  record Query(String q, String kind, int page) {
    Query(String q) {
      this(q, "", 1);
    }
  }
}
