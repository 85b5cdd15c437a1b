package org.newsindex.local.lambda;

import java.time.Duration;
import java.util.Optional;

/**
 * The outcome of one invocation: the serialized response, or the error.
 *
 * @param response the handler's return value as JSON; empty text when the invocation failed
 */
public record InvocationResult(
    String requestId, Duration duration, String response, Optional<FunctionError> error) {

  public boolean succeeded() {
    return error.isEmpty();
  }

  static InvocationResult success(String requestId, Duration duration, String response) {
    return new InvocationResult(requestId, duration, response, Optional.empty());
  }

  static InvocationResult failure(String requestId, Duration duration, FunctionError error) {
    return new InvocationResult(requestId, duration, "", Optional.of(error));
  }
}
