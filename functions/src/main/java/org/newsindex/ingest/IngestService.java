package org.newsindex.ingest;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.newsindex.index.Deadline;
import org.newsindex.index.IndexWriter;
import org.newsindex.index.PendingMarker;
import org.newsindex.index.PendingStore;
import org.newsindex.index.Sequencers;
import org.newsindex.index.SourceManifest;
import org.newsindex.index.SourceStatus;
import org.newsindex.index.SourceStore;

/**
 * Handles S3 events: records each as a pending marker (one small write; a duplicate delivery writes
 * the same marker again, an older event is recognised by its sequencer when folded), then lets the
 * index writer fold everything waiting if its lease is free. What an event means for its file (new
 * content, a rejection with a reason, a deletion, nothing) is decided once, by the writer, which
 * reads and parses the file.
 */
public final class IngestService {
  private final PendingStore pending;
  private final SourceStore sources;
  private final IndexWriter writer;
  private final Supplier<String> owners;
  private final Clock clock;

  /**
   * An ingest service whose writer takes its lease under a name drawn from {@code owners} for each
   * attempt. Lambda functions pass fresh random names: under SnapStart every execution environment
   * restored from one snapshot shares whatever the constructor made, so a name fixed there would
   * let two environments hold the lease at once.
   */
  public IngestService(
      PendingStore pending,
      SourceStore sources,
      IndexWriter writer,
      Supplier<String> owners,
      Clock clock) {
    this.pending = pending;
    this.sources = sources;
    this.writer = writer;
    this.owners = owners;
    this.clock = clock;
  }

  /** Records the events of one invocation, then writes the index if no other writer is at it. */
  public List<IngestResult> handle(List<SourceEvent> events, Deadline deadline) {
    List<PendingMarker> markers =
        events.stream()
            .map(
                e ->
                    new PendingMarker(
                        e.key(),
                        Sequencers.normalize(e.sequencer()),
                        e.removed(),
                        e.etag(),
                        e.size(),
                        e.eventTime().orElse(clock.instant()),
                        clock.instant()))
            .toList();
    pending.recordAll(markers, deadline);
    IndexWriter.Outcome written =
        writer.writeIfFree(
            deadline,
            owners,
            events.stream().map(SourceEvent::key).collect(java.util.stream.Collectors.toSet()));
    return events.stream().map(e -> result(e.key(), written, deadline)).toList();
  }

  public IngestResult handle(SourceEvent event, Deadline deadline) {
    return handle(List.of(event), deadline).get(0);
  }

  /** Writes whatever waits if the writer's lease is free: the scheduled sweep. */
  public IndexWriter.Outcome writeIfFree(Deadline deadline) {
    return writer.anyPending(deadline)
        ? writer.writeIfFree(deadline, owners)
        : IndexWriter.Outcome.NONE;
  }

  private IngestResult result(String key, IndexWriter.Outcome written, Deadline deadline) {
    Optional<SourceManifest> m = sources.manifest(key);
    boolean waiting = !pending.forKey(key, deadline).isEmpty();
    if (m.isEmpty() || waiting) {
      return new IngestResult(
          key,
          IngestResult.Outcome.RECORDED,
          SourceStatus.PENDING,
          Optional.empty(),
          List.of(),
          0,
          0,
          written);
    }
    SourceManifest s = m.get();
    String decided = written.decisions().get(key);
    IngestResult.Outcome outcome =
        decided != null
            ? IngestResult.Outcome.valueOf(decided.toUpperCase(java.util.Locale.ROOT))
            : switch (s.status()) {
              case REJECTED -> IngestResult.Outcome.REJECTED;
              case DELETED -> IngestResult.Outcome.DELETED;
              default -> IngestResult.Outcome.INDEXED;
            };
    return new IngestResult(
        key,
        outcome,
        s.status(),
        s.reason(),
        s.warnings(),
        s.hasArticle() ? 1 : 0,
        s.headlineIds().size(),
        written);
  }

  /** Loads and exercises what the first event would otherwise pay for: SnapStart's priming. */
  public void warmUp(Deadline deadline) {
    sources.manifest(".newsindex-warm-up");
    pending.forKey(".newsindex-warm-up", deadline);
    writer.warmUp();
  }
}
