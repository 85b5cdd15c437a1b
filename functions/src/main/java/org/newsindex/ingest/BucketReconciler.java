package org.newsindex.ingest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.newsindex.corpus.CorpusListing;
import org.newsindex.index.Deadline;
import org.newsindex.index.PendingMarker;
import org.newsindex.index.PendingStore;
import org.newsindex.index.ReindexCheckpoint;
import org.newsindex.index.ReindexStore;
import org.newsindex.index.Sequencers;
import org.newsindex.index.SourceManifest;
import org.newsindex.index.SourceStatus;
import org.newsindex.index.SourceStore;

/**
 * A reindex: brings the table in line with what the bucket holds, for a bucket whose events the
 * table never saw (a stack deployed onto existing files, a table lost and recreated). It lists the
 * bucket a page at a time and, for every object the table does not hold as it is now (no manifest,
 * another eTag) and every manifest whose object is gone, records an event as S3 would have sent it;
 * the index writer folds them like any other. Each synthetic event's sequencer comes just after the
 * last one folded for its key, so an event S3 sends meanwhile for a newer change still wins.
 * Listing the same bucket twice records nothing new: a second run changes nothing.
 */
public final class BucketReconciler {
  private static final int PAGE = 1000;
  private static final String NONE = Sequencers.normalize("");

  private final CorpusListing listing;
  private final SourceStore sources;
  private final PendingStore pending;
  private final ReindexStore checkpoints;
  private final Clock clock;

  public BucketReconciler(
      CorpusListing listing,
      SourceStore sources,
      PendingStore pending,
      ReindexStore checkpoints,
      Clock clock) {
    this.listing = listing;
    this.sources = sources;
    this.pending = pending;
    this.checkpoints = checkpoints;
    this.clock = clock;
  }

  /** Starts a reindex of the prefix from the top (or resumes one cut off, unless told not to). */
  public ReindexCheckpoint start(String prefix, boolean restart) {
    Optional<ReindexCheckpoint> existing = checkpoints.read(prefix);
    if (existing.isPresent() && !restart) {
      return existing.get();
    }
    ReindexCheckpoint fresh = ReindexCheckpoint.start(prefix, clock.instant());
    checkpoints.save(fresh);
    return fresh;
  }

  /** Every reindex not finished yet. */
  public List<ReindexCheckpoint> unfinished() {
    return checkpoints.unfinished();
  }

  /**
   * Lists and compares pages until the listing ends or the deadline nears; the checkpoint is saved
   * after every page (and removed at the end). Returns where it stands.
   */
  public ReindexCheckpoint run(
      ReindexCheckpoint from, Deadline deadline, Consumer<ReindexCheckpoint> onPage) {
    ReindexCheckpoint at = from;
    while (deadline.remaining().toMillis() > 3_000) {
      at = page(at, deadline);
      onPage.accept(at);
      if (at.token().isEmpty()) {
        checkpoints.delete(at.prefix());
        return at;
      }
      checkpoints.save(at);
    }
    return at;
  }

  private ReindexCheckpoint page(ReindexCheckpoint at, Deadline deadline) {
    CorpusListing.Page page = listing.list(at.prefix(), at.token(), PAGE);
    List<String> keys = page.objects().stream().map(CorpusListing.ListedObject::key).toList();
    Map<String, SourceManifest> manifests = sources.manifests(keys, deadline);
    List<PendingMarker> changes = new ArrayList<>();
    for (CorpusListing.ListedObject o : page.objects()) {
      SourceManifest m = manifests.get(o.key());
      boolean current =
          m != null
              && !m.removed()
              && m.status() != SourceStatus.DELETED
              && m.etag().equals(o.etag());
      if (!current) {
        String seq = m == null ? NONE : Sequencers.after(m.sequencer());
        changes.add(
            new PendingMarker(
                o.key(), seq, false, o.etag(), o.size(), o.lastModified(), clock.instant()));
      }
    }
    // Manifests between the last page's end and this one's whose object is gone.
    Optional<String> upper =
        page.next().isPresent() && !keys.isEmpty()
            ? Optional.of(keys.get(keys.size() - 1))
            : Optional.empty();
    Set<String> listed = new HashSet<>(keys);
    Optional<String> after = at.lastKey();
    while (true) {
      List<SourceManifest> range = sources.list(at.prefix(), PAGE, after, deadline);
      for (SourceManifest m : range) {
        if (upper.isPresent() && m.key().compareTo(upper.get()) > 0) {
          range = List.of();
          break;
        }
        if (!listed.contains(m.key()) && !m.removed() && m.status() != SourceStatus.DELETED) {
          changes.add(
              new PendingMarker(
                  m.key(),
                  Sequencers.after(m.sequencer()),
                  true,
                  "",
                  0,
                  clock.instant(),
                  clock.instant()));
        }
      }
      if (range.size() < PAGE) {
        break;
      }
      after = Optional.of(range.get(range.size() - 1).key());
    }
    pending.recordAll(changes, deadline);
    return new ReindexCheckpoint(
        at.prefix(),
        page.next(),
        keys.isEmpty() ? at.lastKey() : Optional.of(keys.get(keys.size() - 1)),
        at.listed() + keys.size(),
        at.marked() + changes.size(),
        at.startedAt());
  }
}
