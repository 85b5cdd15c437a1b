package org.newsindex.ingest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * One S3 event notification record, decoded: the object key (S3 sends it URL-encoded, with '+' for
 * a space), whether the object was created or removed, its eTag and size, and the sequencer that
 * orders events on the key.
 */
public record SourceEvent(
    String eventName,
    String key,
    boolean removed,
    String etag,
    long size,
    String sequencer,
    java.util.Optional<java.time.Instant> eventTime) {

  public static SourceEvent of(
      String eventName, String encodedKey, String etag, Long size, String sequencer) {
    return of(eventName, encodedKey, etag, size, sequencer, java.util.Optional.empty());
  }

  /** A record as S3 sends it; {@code eventTime} is when S3 saw the change. */
  public static SourceEvent of(
      String eventName,
      String encodedKey,
      String etag,
      Long size,
      String sequencer,
      java.util.Optional<java.time.Instant> eventTime) {
    String name = eventName == null ? "" : eventName;
    boolean removed = name.startsWith("ObjectRemoved");
    if (!removed && !name.startsWith("ObjectCreated")) {
      throw new IllegalArgumentException("not an object created or removed event: '" + name + "'");
    }
    String key = URLDecoder.decode(encodedKey, StandardCharsets.UTF_8);
    return new SourceEvent(
        name,
        key,
        removed,
        etag == null ? "" : etag.replace("\"", ""),
        size == null ? 0 : size,
        sequencer == null ? "" : sequencer,
        eventTime);
  }
}
