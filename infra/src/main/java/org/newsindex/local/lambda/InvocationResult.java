package org.newsindex.local.lambda;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one invocation: the serialized response, or the error, and what the function
 * logged through its context's logger (as Lambda's {@code Invoke} returns the log's tail).
 *
 * @param response the handler's return value as JSON; empty text when the invocation failed
 * @param logs the lines the function logged, in order (none if it was stopped before it logged)
 */
public record InvocationResult(
    String requestId,
    Duration duration,
    String response,
    Optional<FunctionError> error,
    List<String> logs) {

  public InvocationResult {
    logs = List.copyOf(logs);
  }

  public boolean succeeded() {
    return error.isEmpty();
  }

  static InvocationResult success(
      String requestId, Duration duration, String response, List<String> logs) {
    return new InvocationResult(requestId, duration, response, Optional.empty(), logs);
  }

  static InvocationResult failure(
      String requestId, Duration duration, FunctionError error, List<String> logs) {
    return new InvocationResult(requestId, duration, "", Optional.of(error), logs);
  }
}
