package org.newsindex.index;

import java.time.Instant;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The last check before a request of the index leaves the process: a request carrying a deadline
 * (every write does: the writer's lease minus its grace) is not sent once the deadline has passed,
 * however long the request was held up on its way (a slow network stack, a paused process, an
 * interceptor of a test). Register it last among a DynamoDB client's interceptors, so nothing runs
 * between it and the wire.
 */
public final class WriteFence implements ExecutionInterceptor {
  /** When a request may last be sent. */
  static final ExecutionAttribute<Instant> NOT_AFTER =
      new ExecutionAttribute<>("newsindex.notAfter");

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    Instant notAfter = attributes.getAttribute(NOT_AFTER);
    if (notAfter != null && Instant.now().isAfter(notAfter)) {
      throw new IndexWriteException(
          "a write was held up until after its deadline ("
              + notAfter
              + ") and was not sent: the writer's lease may have passed to another",
          null);
    }
  }
}
