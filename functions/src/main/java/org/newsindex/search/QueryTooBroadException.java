package org.newsindex.search;

/**
 * A search that would read more than it may: a prefix with too many terms, a source with too many
 * files, or more than its budget allows. The message names the part of the query to narrow.
 */
public final class QueryTooBroadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public QueryTooBroadException(String message) {
    super(message);
  }
}
