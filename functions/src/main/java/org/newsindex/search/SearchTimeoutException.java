package org.newsindex.search;

/**
 * A search still reading when the invocation's time was up: it stops between reads so that the
 * caller can still be answered (a 503 to retry) before the function is stopped.
 */
public final class SearchTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SearchTimeoutException(String message) {
    super(message);
  }
}
