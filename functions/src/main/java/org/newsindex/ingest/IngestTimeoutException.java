package org.newsindex.ingest;

/**
 * The file's change was recorded but not yet reflected in the index when the invocation's time ran
 * short; the invocation fails so that Lambda retries it, and the retry finishes the work.
 */
public final class IngestTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public IngestTimeoutException(String message) {
    super(message);
  }
}
