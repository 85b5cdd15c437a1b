package org.newsindex.index;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.newsindex.analysis.TextAnalyzer;
import org.newsindex.corpus.CorpusObjects;
import org.newsindex.corpus.CorpusParser;

/**
 * The single writer of the index (as Lucene's IndexWriter is of its directory). Under the lease it
 * folds the waiting events into the index in rounds: it first finishes a round a dead writer left
 * (from its journal), then gathers the waiting events — during a bulk upload it waits while they
 * keep coming, so a bulk upload is written in a few large rounds rather than many small ones — and
 * folds as many as a round's work allows (sized by the bytes and headlines they bring, and by the
 * time left at the pace of the rounds so far), until nothing waits or its time is up.
 */
public final class IndexWriter {
  /** The lease's name in the table. */
  public static final String LEASE = "writer";

  private static final int LIST_LIMIT = 20_000;

  /** The pace (work a second) assumed until one is measured: slow, so a first round fits. */
  private static final double ASSUMED_PACE = 256 * 1024;

  private static final long MEASURED_WORK = 512 * 1024;

  private static final Duration SHORTEST_ROUND = Duration.ofSeconds(3);
  private static final int MAX_REPLANS = 8;
  private static final int GATHER_FROM = 16;

  private final IndexTable table;
  private final PendingStore pending;
  private final SourceStore sources;
  private final RoundJournal journal;
  private final FileIntake intake;
  private final WriterSettings settings;
  private final Clock clock;
  private final PostingWriter postingWriter;
  private final Round round;

  /** The pace of this writer's rounds so far, kept across invocations (0: none measured yet). */
  private volatile double workPerSecond;

  public IndexWriter(
      IndexTable table,
      CorpusObjects objects,
      CorpusParser parser,
      TextAnalyzer analyzer,
      WriterSettings settings,
      Clock clock) {
    this.table = table;
    this.pending = new PendingStore(table);
    this.sources = new SourceStore(table);
    this.journal = new RoundJournal(table);
    this.intake = new FileIntake(objects, parser, analyzer, settings.maxFileBytes());
    this.settings = settings;
    this.clock = clock;
    this.postingWriter = new PostingWriter(table, settings.chunkBytes(), settings.roundMemory());
    this.round = new Round(table, analyzer, postingWriter, clock);
  }

  /** What a run of the writer did. */
  public record Outcome(
      int rounds, int folded, int terms, long itemsWritten, Map<String, String> decisions) {
    /** Nothing done. */
    public static final Outcome NONE = new Outcome(0, 0, 0, 0, Map.of());

    public Outcome {
      decisions = Map.copyOf(decisions);
    }

    Outcome plus(Outcome o) {
      Map<String, String> all = new HashMap<>(decisions);
      all.putAll(o.decisions);
      return new Outcome(
          rounds + o.rounds,
          folded + o.folded,
          terms + o.terms,
          itemsWritten + o.itemsWritten,
          all);
    }
  }

  /** Exercises parsing, analysis and the posting-list code without writing anything (priming). */
  public void warmUp() {
    PendingMarker probe =
        new PendingMarker(
            ".newsindex-warm-up", "0".repeat(32), false, "", 0, clock.instant(), clock.instant());
    FileChange change =
        intake.parse(
            probe,
            List.of(probe),
            java.util.Optional.empty(),
            "Warm-up paragraph for the analyzer.\n\nWarm Up Headline\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    PostingChanges changes = new PostingChanges();
    change
        .article()
        .ifPresent(
            a -> changes.add(1, DocKind.ARTICLE, a.analyzed(), new int[] {1}, clock.instant()));
    changes
        .byTerm()
        .forEach(
            (term, list) ->
                PostingListEditor.apply(
                    TermDirectory.empty(term), Map.of(), list, settings.chunkBytes()));
  }

  /** Whether any event waits to be folded (a few small reads). */
  public boolean anyPending(Deadline deadline) {
    return pending.any(deadline);
  }

  /**
   * Folds every waiting event if no other writer holds the lease, until nothing waits or the
   * deadline nears; the lease is taken under a name drawn from {@code owners}. After releasing the
   * lease it looks again, so an event recorded while the lease was being released is never left
   * behind. Returns what was done (nothing if another writer holds the lease).
   */
  public Outcome writeIfFree(Deadline deadline, Supplier<String> owners) {
    return writeIfFree(deadline, owners, java.util.Set.of());
  }

  /**
   * As {@link #writeIfFree(Deadline, Supplier)}; the outcome says what was decided for each of the
   * {@code watched} keys this run folded (indexed, rejected, deleted, unchanged, duplicate, stale,
   * superseded).
   */
  public Outcome writeIfFree(
      Deadline deadline, Supplier<String> owners, java.util.Set<String> watched) {

    Outcome total = Outcome.NONE;
    while (deadline.remaining().compareTo(SHORTEST_ROUND) > 0) {
      Lease lease = new Lease(table, LEASE, owners.get(), clock);
      if (!lease.tryAcquire(WriteGate.ttl(deadline, settings))) {
        return total;
      }
      try {
        total = total.plus(runHolding(new WriteGate(lease, deadline, settings, clock), watched));
      } catch (LeaseLostException lost) {
        return total;
      } finally {
        lease.release();
      }
      if (!pending.any(deadline)) {
        return total;
      }
    }
    return total;
  }

  private Outcome runHolding(WriteGate gate, java.util.Set<String> watched) {
    Deadline deadline = gate.deadline();
    postingWriter.newRun();
    Outcome total = Outcome.NONE;
    // A dead round is finished first, in parts if need be: until its journal is empty, a file it
    // carries must not be folded as a new event (new ordinals, the dead round's writes orphaned).
    RoundJournal.Intents unfinished = journal.read(deadline);
    while (!unfinished.isEmpty()) {
      if (deadline.remaining().compareTo(SHORTEST_ROUND) <= 0) {
        return total;
      }
      gate.renew();
      total = total.plus(replay(unfinished, gate, watched));
      unfinished = journal.read(deadline);
    }
    Duration wait = settings.firstWait();
    while (deadline.remaining().compareTo(SHORTEST_ROUND) > 0) {
      gate.renew();
      List<PendingMarker> markers = pending.list(LIST_LIMIT, deadline);
      if (markers.isEmpty()) {
        break;
      }
      long budget = budget(workPerSecond, deadline.remaining());
      // A few events start a round at once (a single upload is searchable within a second); many,
      // or more after a first round, wait while they keep coming.
      boolean gathering = markers.size() >= GATHER_FROM || total.rounds() > 0;
      if (gathering && stillArriving(markers, wait, budget)) {
        sleep(Duration.ofMillis(250), deadline);
        continue;
      }
      Map<String, List<PendingMarker>> selected = select(markers, budget, settings.roundMemory());
      List<FileChange> files =
          trim(
              intake.decide(selected, sources.manifests(selected.keySet(), deadline)),
              budget,
              settings.roundMemory());
      long started = System.nanoTime();
      total = total.plus(fold(files, RoundJournal.Intents.NONE, 0, gate, watched, Map.of()));
      double seconds = Math.max(0.001, (System.nanoTime() - started) / 1e9);
      long work = files.stream().mapToLong(FileChange::work).sum();
      double pace = work / seconds;
      // A small round's time is mostly its fixed cost: only rounds of some size measure the pace.
      if (work >= MEASURED_WORK) {
        workPerSecond = workPerSecond == 0 ? pace : Math.min(pace, (workPerSecond + pace) / 2);
      }
      wait = wait.multipliedBy(2);
    }
    postingWriter.newRun();
    return total;
  }

  /**
   * Finishes the round a dead writer left: the same files, their latest events, its intents. A dead
   * round too large for the time left (it may be why it died) is finished in parts, the rest of its
   * files carried in the journal to the next.
   */
  private Outcome replay(
      RoundJournal.Intents intents, WriteGate gate, java.util.Set<String> watched) {
    Deadline deadline = gate.deadline();
    List<String> keys = new ArrayList<>(intents.files().keySet());
    List<List<PendingMarker>> found = table.inParallel(keys, k -> pending.forKey(k, deadline));
    Map<String, List<PendingMarker>> markers = new LinkedHashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      if (!found.get(i).isEmpty()) {
        markers.put(keys.get(i), sorted(found.get(i)));
      }
    }
    List<FileChange> files = intake.decide(markers, sources.manifests(markers.keySet(), deadline));
    long budget = budget(workPerSecond, deadline.remaining());
    List<FileChange> now = new ArrayList<>();
    long work = 0;
    long memory = 0;
    for (FileChange f : files) {
      if (now.isEmpty()
          || (work + f.work() <= budget && memory + f.memory() <= settings.roundMemory())) {
        now.add(f);
        work += f.work();
        memory += f.memory();
      }
    }
    Map<String, RoundJournal.FileEntry> carried = new LinkedHashMap<>(intents.files());
    now.forEach(f -> carried.remove(f.key()));
    // Files of the journal whose markers are gone were committed: nothing to carry for them.
    carried.keySet().retainAll(markers.keySet());
    return fold(now, intents, intents.pages(), gate, watched, carried);
  }

  /** Runs a round; a file whose items DynamoDB would refuse is rejected and the round replanned. */
  private Outcome fold(
      List<FileChange> files,
      RoundJournal.Intents replay,
      int journalPages,
      WriteGate gate,
      java.util.Set<String> watched,
      Map<String, RoundJournal.FileEntry> carried) {
    List<FileChange> current = files;
    long started = System.nanoTime();
    long work = files.stream().mapToLong(FileChange::work).sum();
    RoundJournal.Intents intents = replay;
    int pages = journalPages;
    for (int attempt = 0; ; attempt++) {
      try {
        Round.Result r;
        try {
          r = round.run(current, intents, pages, gate, carried);
        } catch (IndexWriteException | LeaseLostException outOfTime) {
          // A round that ran out of time teaches the pace: half what it managed at most.
          double seconds = Math.max(0.001, (System.nanoTime() - started) / 1e9);
          double managed = work / seconds / 2;
          workPerSecond = workPerSecond == 0 ? managed : Math.min(workPerSecond, managed);
          throw outOfTime;
        }
        Map<String, String> decisions = new HashMap<>();
        for (FileChange f : current) {
          if (watched.contains(f.key())) {
            decisions.put(f.key(), f.decision());
          }
        }
        return new Outcome(1, r.files(), r.terms(), r.itemsWritten(), decisions);
      } catch (FilesRefusedException refused) {
        if (attempt >= MAX_REPLANS) {
          throw new IllegalStateException("a round was refused " + attempt + " times", refused);
        }
        List<FileChange> next = new ArrayList<>();
        for (FileChange f : current) {
          String why = refused.reasons().get(f.key());
          next.add(why == null ? f : f.rejected(why));
        }
        current = next;
        if (!round.lastIntents().isEmpty()) {
          intents = merge(intents, round.lastIntents());
          pages = Math.max(pages, round.lastIntents().pages());
        }
      }
    }
  }

  private static RoundJournal.Intents merge(RoundJournal.Intents a, RoundJournal.Intents b) {
    Map<String, RoundJournal.FileEntry> files = new LinkedHashMap<>(a.files());
    b.files()
        .forEach(
            (key, e) ->
                files.merge(
                    key,
                    e,
                    (x, y) -> {
                      java.util.Set<String> touched = new java.util.HashSet<>(x.headlines());
                      touched.addAll(y.headlines());
                      // An article the earlier plan wrote stays named until it is taken out.
                      long article = y.articleOrd() != 0 ? y.articleOrd() : x.articleOrd();
                      return new RoundJournal.FileEntry(
                          y.key(), y.sequencer(), y.fileOrd(), article, touched);
                    }));
    Map<String, Long> headlines = new HashMap<>(a.headlines());
    headlines.putAll(b.headlines());
    return new RoundJournal.Intents(files, headlines, Math.max(a.pages(), b.pages()));
  }

  /**
   * Whether to wait for more: events are still arriving (the newest is younger than the quiet
   * period), none has waited long ({@code wait}, which doubles with each round of a bulk upload),
   * and they do not yet fill a round.
   */
  private boolean stillArriving(List<PendingMarker> markers, Duration wait, long budget) {
    if (settings.quiet().isZero()) {
      return false;
    }
    Instant now = clock.instant();
    Instant newest = Instant.EPOCH;
    Instant oldest = Instant.MAX;
    long work = 0;
    for (PendingMarker m : markers) {
      newest = m.receivedAt().isAfter(newest) ? m.receivedAt() : newest;
      oldest = m.receivedAt().isBefore(oldest) ? m.receivedAt() : oldest;
      work += m.size();
    }
    return newest.plus(settings.quiet()).isAfter(now)
        && oldest.plus(wait).isAfter(now)
        && work < budget
        && markers.size() < LIST_LIMIT;
  }

  /**
   * How much work the next round may take: as much as fits in a third of the time left at the pace
   * measured so far (or, before any, a slow pace assumed, and the first round's cap), never more
   * than the settings allow.
   */
  long budget(double workPerSecond, Duration remaining) {
    long cap = workPerSecond <= 0 ? settings.firstRoundWork() : settings.roundWork();
    if (workPerSecond <= 0 && settings.firstRoundWork() >= settings.roundWork()) {
      return cap;
    }
    double pace = workPerSecond <= 0 ? ASSUMED_PACE : workPerSecond;
    double fit = pace * (remaining.toMillis() - SHORTEST_ROUND.toMillis()) / 1000.0 / 3;
    return (long) Math.max(16 * 1024, Math.min(cap, fit));
  }

  /**
   * A file's memory in a round before it is read, from its size: about 40 times (analysis makes a
   * few hundred bytes of each word; see {@link FileChange#memory}).
   */
  private static final int MEMORY_PER_FILE_BYTE = 40;

  /**
   * The keys to fold, oldest event first, until their sizes fill the budget or, at about {@value
   * #MEMORY_PER_FILE_BYTE} times their size, the round's memory (at least one).
   */
  private static Map<String, List<PendingMarker>> select(
      List<PendingMarker> markers, long budget, long roundMemory) {
    Map<String, List<PendingMarker>> byKey = new HashMap<>();
    for (PendingMarker m : markers) {
      byKey.computeIfAbsent(m.key(), k -> new ArrayList<>()).add(m);
    }
    List<Map.Entry<String, List<PendingMarker>>> keys = new ArrayList<>(byKey.entrySet());
    keys.forEach(e -> e.setValue(sorted(e.getValue())));
    keys.sort(Comparator.comparing(e -> e.getValue().get(0).receivedAt()));
    Map<String, List<PendingMarker>> out = new LinkedHashMap<>();
    long work = 0;
    for (Map.Entry<String, List<PendingMarker>> e : keys) {
      if (!out.isEmpty() && (work >= budget || work * MEMORY_PER_FILE_BYTE >= roundMemory)) {
        break;
      }
      out.put(e.getKey(), e.getValue());
      work += e.getValue().get(e.getValue().size() - 1).size();
    }
    return out;
  }

  /**
   * The files that fit the budget and the round's memory once read (at least one); the rest wait
   * for the next round.
   */
  private static List<FileChange> trim(List<FileChange> files, long budget, long roundMemory) {
    List<FileChange> out = new ArrayList<>();
    long work = 0;
    long memory = 0;
    for (FileChange f : files) {
      boolean over = work + f.work() > budget || memory + f.memory() > roundMemory;
      // A file that only records its status costs next to nothing: it is never held back.
      boolean recordOnly =
          f.action() != FileChange.Action.INDEX && f.memory() < FileChange.BYTES_PER_REMOVAL;
      if (!out.isEmpty() && over && !recordOnly) {
        continue;
      }
      out.add(f);
      work += f.work();
      memory += f.memory();
    }
    return out;
  }

  private static List<PendingMarker> sorted(List<PendingMarker> markers) {
    List<PendingMarker> out = new ArrayList<>(markers);
    out.sort(Comparator.comparing(PendingMarker::sequencer));
    return out;
  }

  private static void sleep(Duration d, Deadline deadline) {
    long millis = Math.min(d.toMillis(), Math.max(0, deadline.remaining().toMillis() - 1000));
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LeaseLostException("interrupted while waiting for a bulk upload to gather");
    }
  }
}
