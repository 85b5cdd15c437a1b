package org.newsindex.search;

/**
 * How a clause takes part in a query, as in Lucene: optional and scoring, required, or excluded.
 */
public enum Occur {
  SHOULD,
  MUST,
  MUST_NOT
}
