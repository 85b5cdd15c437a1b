package org.newsindex.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import java.time.Duration;
import org.newsindex.index.Deadline;

/**
 * When a function's work must stop: two seconds before Lambda's timeout, so the invocation can
 * still fail cleanly and be retried (at least one second of work; a minute without a context, as
 * when a handler is called directly).
 */
final class InvocationDeadline {
  private static final Duration SAFETY_MARGIN = Duration.ofSeconds(2);

  private InvocationDeadline() {}

  static Deadline of(Context context) {
    long remaining = context == null ? 60_000 : context.getRemainingTimeInMillis();
    return Deadline.after(Duration.ofMillis(Math.max(1000, remaining - SAFETY_MARGIN.toMillis())));
  }
}
