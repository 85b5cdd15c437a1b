package org.newsindex.ingest;

import java.util.List;
import java.util.Optional;
import org.newsindex.index.SourceStatus;

/**
 * What handling one event did, for the log and for the caller: the file's status, and the work of
 * the compaction this invocation ran (none if another compactor was at work).
 */
public record IngestResult(
    String key,
    Outcome outcome,
    SourceStatus status,
    Optional<String> reason,
    List<String> warnings,
    long articles,
    long headlines,
    Compactor.Outcome compaction) {

  /** How the event was handled. */
  public enum Outcome {
    /** The file's content is now in the index. */
    INDEXED,
    /**
     * The change is recorded; the compactor at work (or the next sweep) brings it into the index.
     */
    RECORDED,
    /** The file was refused; the reason is recorded. */
    REJECTED,
    /** The file's content was removed from the index. */
    DELETED,
    /** The object was uploaded again with the same content; nothing to do. */
    UNCHANGED,
    /** The same event was delivered again. */
    DUPLICATE,
    /** An older event arrived after a newer one for the same key. */
    STALE,
    /** The object already holds a newer version, whose own event will be handled. */
    SUPERSEDED
  }
}
