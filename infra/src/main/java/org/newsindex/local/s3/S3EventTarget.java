package org.newsindex.local.s3;

/** Receives the S3 event notifications meant for a function (the local Lambda service). */
@FunctionalInterface
public interface S3EventTarget {
  /**
   * @param functionLogicalId the function the template subscribes
   * @param eventJson the notification, as S3 would send it
   * @param source a short description for logs, e.g. {@code s3 CorpusChanged ObjectCreated:Put b/k}
   */
  void deliver(String functionLogicalId, String eventJson, String source);
}
