package org.newsindex.corpus;

/** The result of reading a corpus object at the version an event named. */
public sealed interface ObjectRead {
  /**
   * The object's bytes, its user metadata (the {@code x-amz-meta-} headers, by name) and when S3
   * stored it.
   */
  record Found(byte[] bytes, java.util.Map<String, String> metadata, java.time.Instant stored)
      implements ObjectRead {
    public Found {
      metadata = java.util.Map.copyOf(metadata);
    }
  }

  /** No object under the key any more: it was deleted after the event. */
  record Missing() implements ObjectRead {}

  /** The key holds a newer version than the event's; that version's own event will follow. */
  record Changed() implements ObjectRead {}

  /** The object is bigger than the configured maximum; it was not read. */
  record TooLarge(long size) implements ObjectRead {}
}
