package org.newsindex.corpus;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Lists the corpus files a bucket holds, a page at a time, in key order. */
public interface CorpusListing {
  /** One object of the bucket: its key, eTag, size and when it was last written. */
  record ListedObject(String key, String etag, long size, Instant lastModified) {}

  /** A page of objects, and where the next page starts (empty after the last). */
  record Page(List<ListedObject> objects, Optional<String> next) {
    public Page {
      objects = List.copyOf(objects);
    }
  }

  /** Up to {@code max} objects under {@code prefix}, after the page {@code token} names. */
  Page list(String prefix, Optional<String> token, int max);
}
