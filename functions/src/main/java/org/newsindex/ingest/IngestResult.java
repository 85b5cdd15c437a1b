package org.newsindex.ingest;

import java.util.List;
import java.util.Optional;
import org.newsindex.index.IndexWriter;
import org.newsindex.index.SourceStatus;

/**
 * What handling one event did, for the log and for the caller: the file's status once the writer
 * (this invocation's, if the lease was free) had its turn, and the work that writer did.
 */
public record IngestResult(
    String key,
    Outcome outcome,
    SourceStatus status,
    Optional<String> reason,
    List<String> warnings,
    long articles,
    long headlines,
    IndexWriter.Outcome writer) {

  /** How the event stands after this invocation. */
  public enum Outcome {
    /** The event is folded: the file's content is in the index. */
    INDEXED,
    /** The event is recorded; the writer at work (or the next sweep) folds it into the index. */
    RECORDED,
    /** The event is folded: the file was refused, and the reason recorded. */
    REJECTED,
    /** The event is folded: the file's content was removed from the index. */
    DELETED,
    /** The object was uploaded again with the same content: only the event was recorded. */
    UNCHANGED,
    /** The same event was delivered again: nothing changed. */
    DUPLICATE,
    /** An older event arrived after a newer one for the same key: nothing changed. */
    STALE,
    /** The object already holds a newer version, whose own event is folded instead. */
    SUPERSEDED
  }
}
