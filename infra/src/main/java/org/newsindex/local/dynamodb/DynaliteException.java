package org.newsindex.local.dynamodb;

/** Thrown when dynalite cannot be started or a table cannot be created in it. */
public final class DynaliteException extends RuntimeException {
  public DynaliteException(String message) {
    super(message);
  }

  public DynaliteException(String message, Throwable cause) {
    super(message, cause);
  }
}
