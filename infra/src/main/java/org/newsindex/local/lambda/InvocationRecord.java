package org.newsindex.local.lambda;

import java.time.Instant;

/**
 * One invocation as the local Lambda service saw it: which function, started by what, with which
 * event, and how it ended. Lets tests and tools check what a function was really given.
 *
 * @param source what started it, e.g. {@code http GET /search} or {@code s3 CorpusChanged ...}
 * @param attempt 1 for the first try, 2 and 3 for the retries of an asynchronous event
 */
public record InvocationRecord(
    Instant time,
    String functionLogicalId,
    String source,
    int attempt,
    String eventJson,
    InvocationResult result) {}
