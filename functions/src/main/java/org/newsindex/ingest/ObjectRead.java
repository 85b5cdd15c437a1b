package org.newsindex.ingest;

/** The result of reading a corpus object at the version an event named. */
public sealed interface ObjectRead {
  /** The object's bytes. */
  record Found(byte[] bytes) implements ObjectRead {}

  /** No object under the key any more: it was deleted after the event. */
  record Missing() implements ObjectRead {}

  /** The key holds a newer version than the event's; that version's own event will follow. */
  record Changed() implements ObjectRead {}

  /** The object is bigger than the configured maximum; it was not read. */
  record TooLarge(long size) implements ObjectRead {}
}
