package org.newsindex.search;

/** A search request that cannot be answered as asked; the message says what to change. */
public final class BadQueryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BadQueryException(String message) {
    super(message);
  }
}
