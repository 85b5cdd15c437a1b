package org.newsindex.local.lambda;

import java.time.Instant;

/**
 * An asynchronous event that failed every attempt, kept as Lambda would hand it to an on-failure
 * destination: the event, the function, the last error and the number of attempts.
 */
public record FailedEvent(
    Instant time,
    String functionLogicalId,
    String source,
    String eventJson,
    String errorType,
    String errorMessage,
    int attempts) {}
