package org.newsindex.index;

import java.time.Instant;

/**
 * An S3 event the index does not reflect yet: which object (key, eTag, size) became what (created
 * or removed), in what order among the key's events (the sequencer, normalized), when S3 saw it and
 * when it was received. Each event has its own marker, so recording one never overwrites another
 * and the writer removes exactly the markers it folded.
 */
public record PendingMarker(
    String key,
    String sequencer,
    boolean removed,
    String etag,
    long size,
    Instant eventTime,
    Instant receivedAt) {

  public ItemKey itemKey() {
    return TableKeys.marker(key, sequencer);
  }
}
