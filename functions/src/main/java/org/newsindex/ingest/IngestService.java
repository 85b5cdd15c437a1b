package org.newsindex.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.newsindex.analysis.TextAnalyzer;
import org.newsindex.corpus.CorpusFile;
import org.newsindex.corpus.CorpusParser;
import org.newsindex.corpus.RejectedFileException;
import org.newsindex.index.Deadline;
import org.newsindex.index.IndexTable;
import org.newsindex.index.Lease;
import org.newsindex.index.Sequencers;
import org.newsindex.index.SourceManifest;
import org.newsindex.index.SourceStatus;
import org.newsindex.index.SourceStore;

/**
 * Handles one S3 event: decides what the event means for its file (new content, a rejection with a
 * reason, a deletion, or nothing because it is a duplicate, stale or the content is unchanged) and
 * records that in the file's manifest only if the event is the newest for its key. Then, if no
 * compactor is running, it becomes the compactor and folds every pending file into the index, its
 * own and those recorded meanwhile; if one is running, that one folds this file too. The scheduled
 * sweep ({@link #compactIfFree}) picks up files left pending by a compactor that died.
 */
public final class IngestService {
  static final String FILE_COUNTER = "file";
  private static final String LEASE = "compactor";
  private static final Duration MIN_TIME_TO_COMPACT = Duration.ofSeconds(3);
  private static final String WARM_UP_KEY = ".newsindex-warm-up";

  private final SourceStore sources;
  private final CorpusObjects objects;
  private final CorpusParser parser;
  private final Compactor compactor;
  private final IndexTable table;
  private final Supplier<String> owners;
  private final long maxFileBytes;
  private final Duration leaseTtl;
  private final Clock clock;

  /**
   * An ingest service whose compactor always takes its lease under one name, with posting chunks
   * split at {@code chunkBytes} (smaller chunks: finer best-first reads).
   */
  public IngestService(
      IndexTable table,
      CorpusObjects objects,
      CorpusParser parser,
      TextAnalyzer analyzer,
      long maxFileBytes,
      int chunkBytes,
      Duration leaseTtl,
      String owner,
      Clock clock) {
    this(table, objects, parser, analyzer, maxFileBytes, chunkBytes, leaseTtl, () -> owner, clock);
  }

  /**
   * As above, with the compactor's lease held under a name drawn from {@code owners} for each
   * attempt to compact. Lambda functions pass fresh random names: under SnapStart every execution
   * environment restored from one snapshot shares whatever the constructor made, so a name fixed
   * there would let two environments hold the lease at once.
   */
  public IngestService(
      IndexTable table,
      CorpusObjects objects,
      CorpusParser parser,
      TextAnalyzer analyzer,
      long maxFileBytes,
      int chunkBytes,
      Duration leaseTtl,
      Supplier<String> owners,
      Clock clock) {
    this.table = table;
    this.owners = owners;
    this.sources = new SourceStore(table);
    this.objects = objects;
    this.parser = parser;
    this.compactor =
        new Compactor(table, objects, parser, analyzer, maxFileBytes, chunkBytes, clock);
    this.maxFileBytes = maxFileBytes;
    this.leaseTtl = leaseTtl;
    this.clock = clock;
  }

  public IngestResult handle(SourceEvent event, Deadline deadline) {
    String seq = Sequencers.normalize(event.sequencer());
    Optional<SourceManifest> existing = sources.manifest(event.key());
    if (existing.isPresent() && existing.get().sequencer().compareTo(seq) >= 0) {
      SourceManifest m = existing.get();
      IngestResult.Outcome outcome =
          m.sequencer().equals(seq) ? IngestResult.Outcome.DUPLICATE : IngestResult.Outcome.STALE;
      Compactor.Outcome compaction = Compactor.Outcome.NONE;
      if (m.isPending()) {
        // A retry of an invocation that died after recording: make sure the compactor can find the
        // file.
        sources.markPending(event.key(), m.pendingSequencer().get());
        compaction = compactIfFree(deadline);
      }
      return result(event.key(), outcome, compaction);
    }
    if (!event.removed()
        && existing.isPresent()
        && isUnchanged(existing.get(), event)
        && sources.recordUnchanged(event.key(), seq, clock.instant())) {
      return result(event.key(), IngestResult.Outcome.UNCHANGED, Compactor.Outcome.NONE);
    }

    SourceStatus status;
    Optional<String> reason = Optional.empty();
    List<String> warnings = List.of();
    if (event.removed()) {
      status = SourceStatus.DELETED;
    } else if (event.size() > maxFileBytes) {
      status = SourceStatus.REJECTED;
      reason = Optional.of(tooLargeReason(event.size(), maxFileBytes));
    } else {
      ObjectRead read = objects.read(event.key(), event.etag(), maxFileBytes);
      if (read instanceof ObjectRead.Changed) {
        return result(event.key(), IngestResult.Outcome.SUPERSEDED, Compactor.Outcome.NONE);
      } else if (read instanceof ObjectRead.Missing) {
        status = SourceStatus.DELETED;
        reason = Optional.of("the object was deleted before this upload's event was processed");
      } else if (read instanceof ObjectRead.TooLarge tooLarge) {
        status = SourceStatus.REJECTED;
        reason = Optional.of(tooLargeReason(tooLarge.size(), maxFileBytes));
      } else {
        try {
          CorpusFile file = parser.parse(((ObjectRead.Found) read).bytes());
          status = SourceStatus.PENDING;
          warnings = file.warnings();
        } catch (RejectedFileException e) {
          status = SourceStatus.REJECTED;
          reason = Optional.of(e.reason());
        }
      }
    }

    int fileOrd =
        existing
            .map(SourceManifest::fileOrd)
            .filter(o -> o > 0)
            .orElseGet(() -> (int) sources.allocate(FILE_COUNTER, 1));
    boolean recorded =
        sources.recordEvent(
            new SourceStore.ReceivedEvent(
                event.key(),
                seq,
                event.removed(),
                event.etag(),
                event.size(),
                status,
                reason,
                warnings,
                clock.instant(),
                fileOrd));
    if (!recorded) {
      return handle(event, deadline);
    }
    sources.markPending(event.key(), seq);
    Compactor.Outcome compaction = compactIfFree(deadline);
    Optional<SourceManifest> after = sources.manifest(event.key());
    boolean stillPending = after.map(SourceManifest::isPending).orElse(false);
    return result(
        event.key(),
        after,
        stillPending
            ? IngestResult.Outcome.RECORDED
            : switch (status) {
              case REJECTED -> IngestResult.Outcome.REJECTED;
              case DELETED -> IngestResult.Outcome.DELETED;
              default -> IngestResult.Outcome.INDEXED;
            },
        compaction);
  }

  /**
   * Loads and exercises what the first event would otherwise pay for (the SDK clients and their
   * connections, the parser, the analyzer) without changing anything: SnapStart's priming step.
   */
  public void warmUp() {
    sources.manifest(WARM_UP_KEY);
    objects.read(WARM_UP_KEY, "", 1);
    try {
      parser.parse(
          "Warm-up paragraph for the analyzer.\n\nWarm Up Headline\n"
              .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (org.newsindex.corpus.RejectedFileException e) {
      throw new IllegalStateException(e);
    }
    compactor.warmUp();
  }

  private static boolean isUnchanged(SourceManifest m, SourceEvent event) {
    return m.status() == SourceStatus.INGESTED
        && !m.isPending()
        && !m.etag().isEmpty()
        && m.etag().equals(event.etag());
  }

  /** Whether any file waits to be folded into the index (one small read). */
  public boolean anyPending() {
    return !sources.pendingKeys(1).isEmpty();
  }

  /**
   * Runs the compactor if no one holds its lease, until nothing is pending or the deadline nears.
   * After releasing the lease it looks again, so a file recorded while the lease was being released
   * is never left behind. Returns what was done (nothing if another compactor holds the lease).
   */
  public Compactor.Outcome compactIfFree(Deadline deadline) {
    Compactor.Outcome total = Compactor.Outcome.NONE;
    while (deadline.remaining().compareTo(MIN_TIME_TO_COMPACT) > 0) {
      Duration ttl = deadline.remaining().compareTo(leaseTtl) < 0 ? deadline.remaining() : leaseTtl;
      Lease lease = new Lease(table, LEASE, owners.get(), clock);
      if (!lease.tryAcquire(ttl)) {
        return total;
      }
      Compactor.Outcome outcome;
      try {
        outcome = compactor.runUntilIdle(deadline, lease, ttl);
      } finally {
        lease.release();
      }
      total =
          new Compactor.Outcome(
              total.rounds() + outcome.rounds(),
              total.folded() + outcome.folded(),
              total.terms() + outcome.terms(),
              total.itemsWritten() + outcome.itemsWritten(),
              outcome.waiting());
      List<String> pending = new ArrayList<>(sources.pendingKeys(outcome.waiting().size() + 1));
      pending.removeAll(outcome.waiting());
      if (pending.isEmpty()) {
        return total;
      }
    }
    return total;
  }

  private IngestResult result(
      String key, IngestResult.Outcome outcome, Compactor.Outcome compaction) {
    return result(key, sources.manifest(key), outcome, compaction);
  }

  /** The result for a file, from its manifest as it stands now (already read). */
  private static IngestResult result(
      String key,
      Optional<SourceManifest> found,
      IngestResult.Outcome outcome,
      Compactor.Outcome compaction) {
    if (found.isEmpty()) {
      return new IngestResult(
          key, outcome, SourceStatus.PENDING, Optional.empty(), List.of(), 0, 0, compaction);
    }
    SourceManifest m = found.get();
    return new IngestResult(
        key,
        outcome,
        m.status(),
        m.reason(),
        m.warnings(),
        m.hasArticle() ? 1 : 0,
        m.headlineIds().size(),
        compaction);
  }

  static String tooLargeReason(long size, long max) {
    return String.format(
        "the file is %,d bytes; files are limited to %,d bytes (MAX_FILE_BYTES)", size, max);
  }
}
