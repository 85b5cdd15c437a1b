package org.newsindex.local.lambda;

/**
 * Receives the events that AWS services send a function asynchronously (S3 notifications,
 * schedules): the local Lambda service.
 */
@FunctionalInterface
public interface AsyncEventTarget {
  /**
   * @param functionLogicalId the function the template subscribes
   * @param eventJson the event, as the sending service would send it
   * @param source a short description for logs, e.g. {@code s3 CorpusChanged ObjectCreated:Put b/k}
   *     or {@code schedule Sweep rate(1 minute)}
   */
  void deliver(String functionLogicalId, String eventJson, String source);
}
