package org.newsindex.corpus;

/** Where corpus files are read from: the bucket, in production. */
public interface CorpusObjects {
  /**
   * Reads the object under {@code key} if its eTag is still {@code etag} and it is at most {@code
   * maxBytes}.
   */
  ObjectRead read(String key, String etag, long maxBytes);

  /**
   * The object's metadata and when it was stored, without its bytes ({@link ObjectRead.Found} with
   * none), if its eTag is still {@code etag}.
   */
  ObjectRead head(String key, String etag);
}
