package org.newsindex.local.lambda;

/** Thrown when a function's code or handler cannot be found or loaded. */
public final class FunctionLoadException extends RuntimeException {
  public FunctionLoadException(String message) {
    super(message);
  }

  public FunctionLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
