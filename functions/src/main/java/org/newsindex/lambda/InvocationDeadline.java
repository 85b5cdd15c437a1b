package org.newsindex.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import java.time.Duration;
import org.newsindex.index.Deadline;

/**
 * When a function's work must stop: two seconds before Lambda's timeout, so the invocation can
 * still fail cleanly and be retried (at least one second of work; a minute without a context, as
 * when a handler is called directly). An API request's reads stop a second before the timeout, so
 * that the caller still gets an answer (a 503 to retry) rather than the gateway's error.
 */
final class InvocationDeadline {
  private static final Duration SAFETY_MARGIN = Duration.ofSeconds(2);
  private static final Duration ANSWER_MARGIN = Duration.ofSeconds(1);

  /** An API request's time without a context: inside the query function's 10 s timeout. */
  private static final Duration REQUEST_TIME = Duration.ofSeconds(8);

  private InvocationDeadline() {}

  static Deadline of(Context context) {
    long remaining = context == null ? 60_000 : context.getRemainingTimeInMillis();
    return Deadline.after(Duration.ofMillis(Math.max(1000, remaining - SAFETY_MARGIN.toMillis())));
  }

  /** When an API request must stop reading: what the invocation has left, less the answer's. */
  static Deadline ofRequest(Context context) {
    if (context == null) {
      return Deadline.after(REQUEST_TIME);
    }
    long left = context.getRemainingTimeInMillis() - ANSWER_MARGIN.toMillis();
    return Deadline.after(Duration.ofMillis(Math.max(0, left)));
  }
}
