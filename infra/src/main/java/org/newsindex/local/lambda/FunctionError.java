package org.newsindex.local.lambda;

import java.util.Arrays;
import java.util.List;

/**
 * Why an invocation failed, in the shape Lambda reports it: error type (the exception class, or
 * e.g. {@code Sandbox.Timedout}), message and stack trace.
 */
public record FunctionError(String type, String message, List<String> stackTrace) {
  public FunctionError {
    stackTrace = List.copyOf(stackTrace);
  }

  static FunctionError of(Throwable error) {
    return new FunctionError(
        error.getClass().getName(),
        String.valueOf(error.getMessage()),
        Arrays.stream(error.getStackTrace()).map(StackTraceElement::toString).toList());
  }

  /** {@code type: message}, for one-line reports. */
  public String summary() {
    return type + ": " + message;
  }
}
