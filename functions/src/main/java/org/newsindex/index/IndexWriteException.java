package org.newsindex.index;

/**
 * Writes to the index could not be completed before the invocation's deadline (DynamoDB kept
 * throttling or returning unprocessed items). The invocation fails so that Lambda retries it; the
 * ingest is idempotent, so the retry finishes the work.
 */
public final class IndexWriteException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public IndexWriteException(String message, Throwable cause) {
    super(message, cause);
  }
}
