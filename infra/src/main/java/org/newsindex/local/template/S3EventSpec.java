package org.newsindex.local.template;

import java.util.List;

/**
 * An S3 event source of a function: which bucket, which event types (such as {@code
 * s3:ObjectCreated:*}) and which key prefix and suffix start the function.
 */
public record S3EventSpec(
    String functionLogicalId,
    String eventLogicalId,
    String bucketName,
    List<String> events,
    String prefix,
    String suffix) {

  public S3EventSpec {
    events = List.copyOf(events);
  }

  /**
   * Whether a change to an object starts this event source.
   *
   * @param eventName the event as S3 names it in a record, e.g. {@code ObjectCreated:Put}
   * @param key the object key, not URL-encoded
   */
  public boolean matches(String bucket, String eventName, String key) {
    return bucket.equals(bucketName)
        && key.startsWith(prefix)
        && key.endsWith(suffix)
        && events.stream().anyMatch(pattern -> eventMatches(pattern, eventName));
  }

  private static boolean eventMatches(String pattern, String eventName) {
    String qualified = "s3:" + eventName;
    if (pattern.endsWith(":*")) {
      return qualified.startsWith(pattern.substring(0, pattern.length() - 1));
    }
    return qualified.equals(pattern);
  }
}
