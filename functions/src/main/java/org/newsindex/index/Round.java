package org.newsindex.index;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.newsindex.analysis.AnalyzedText;
import org.newsindex.analysis.TextAnalyzer;

/**
 * One round of the writer: brings the index to what a set of files' latest events ask for. It
 * allocates ordinals and records its intents in the journal before writing anything, builds every
 * item it will write, checks each against DynamoDB's limits (a file whose items would be refused is
 * rejected alone and the round planned again without it), then writes in an order that keeps the
 * index readable: new documents, then postings (a part at a time as they are planned, so a round's
 * memory does not grow with the lists it edits), then directories, then removals, and last the
 * files' manifests and the removal of their pending markers, after a renewal of the lease.
 */
final class Round {
  private final IndexTable table;
  private final TextAnalyzer analyzer;
  private final PostingWriter postingWriter;
  private final HeadlinePlanner headlines;
  private final DocumentStore documents;
  private final Counters counters;
  private final Clock clock;
  private RoundJournal.Intents lastIntents = RoundJournal.Intents.NONE;

  /** Where a round's document writes run while it plans its postings. */
  private static final java.util.concurrent.ExecutorService SIDE =
      java.util.concurrent.Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "round-documents");
            t.setDaemon(true);
            return t;
          });

  /** Writes between two renewals of the lease. */
  private static final int SLICE = 5_000;

  Round(IndexTable table, TextAnalyzer analyzer, PostingWriter postingWriter, Clock clock) {
    this.table = table;
    this.analyzer = analyzer;
    this.postingWriter = postingWriter;
    this.headlines = new HeadlinePlanner(table, analyzer);
    this.documents = new DocumentStore(table);
    this.counters = new Counters(table);
    this.clock = clock;
  }

  /** What a round did. */
  record Result(int files, int terms, long itemsWritten, int journalPages) {}

  /**
   * Runs the round over {@code files}. {@code replay} holds the intents of an unfinished attempt (a
   * dead round's journal, or this round's own refused plan); {@code journalPages} is how many
   * journal pages the table holds now.
   */
  Result run(
      List<FileChange> files, RoundJournal.Intents replay, int journalPages, WriteGate gate) {
    return run(files, replay, journalPages, gate, Map.of());
  }

  /**
   * As above, carrying in the journal, untouched, the entries of an unfinished round's files this
   * round leaves for a later one ({@code carried}): a dead round too large to finish at once is
   * finished in parts.
   */
  Result run(
      List<FileChange> files,
      RoundJournal.Intents replay,
      int journalPages,
      WriteGate gate,
      Map<String, RoundJournal.FileEntry> carried) {
    Deadline deadline = gate.deadline();
    long epoch = gate.epoch();
    Instant now = clock.instant();
    // Files whose index content changes, and those whose manifest alone is written again.
    List<FileChange> changes = new ArrayList<>();
    List<FileChange> recorded = new ArrayList<>();
    for (FileChange f : files) {
      if (f.action() == FileChange.Action.UNCHANGED) {
        recorded.add(f);
      } else if (f.action() != FileChange.Action.SKIP) {
        changes.add(f);
      }
    }

    // 1. Ordinals: reused from an unfinished attempt for the same event, else allocated.
    Map<String, Integer> fileOrds = new LinkedHashMap<>();
    List<String> needFileOrds = new ArrayList<>();
    for (FileChange f : changes) {
      int known = f.before().map(SourceManifest::fileOrd).orElse(0);
      if (known <= 0) {
        known = replay.file(f.key()).map(RoundJournal.FileEntry::fileOrd).orElse(0);
      }
      if (known > 0) {
        fileOrds.put(f.key(), known);
      } else {
        needFileOrds.add(f.key());
      }
    }
    long firstFileOrd = counters.allocate(Counters.FILES, needFileOrds.size(), deadline);
    for (int i = 0; i < needFileOrds.size(); i++) {
      fileOrds.put(needFileOrds.get(i), (int) (firstFileOrd + i));
    }

    Map<String, Long> articleOrds = new HashMap<>();
    List<String> needArticleOrds = new ArrayList<>();
    for (FileChange f : changes) {
      if (f.action() != FileChange.Action.INDEX || f.article().isEmpty()) {
        continue;
      }
      if (f.keepsArticle()) {
        articleOrds.put(f.key(), f.before().get().articleOrd());
        continue;
      }
      Optional<RoundJournal.FileEntry> earlier =
          replay
              .file(f.key())
              .filter(e -> e.sequencer().equals(f.marker().sequencer()) && e.articleOrd() > 0);
      if (earlier.isPresent()) {
        articleOrds.put(f.key(), earlier.get().articleOrd());
      } else {
        needArticleOrds.add(f.key());
      }
    }

    Map<String, Set<String>> retouch = new HashMap<>();
    for (FileChange f : changes) {
      replay.file(f.key()).ifPresent(e -> retouch.put(f.key(), e.headlines()));
    }
    HeadlinePlanner.Touched touched = headlines.touched(changes, fileOrds, retouch, deadline);
    Map<String, Long> newHeadlineOrds = new HashMap<>();
    List<String> needHeadlineOrds = new ArrayList<>();
    for (String id : touched.needingOrds()) {
      Long earlier = replay.headlines().get(id);
      if (earlier != null) {
        newHeadlineOrds.put(id, earlier);
      } else {
        needHeadlineOrds.add(id);
      }
    }
    long firstOrd =
        counters.allocate(
            Counters.DOCUMENTS, needArticleOrds.size() + needHeadlineOrds.size(), deadline);
    long freshFrom =
        needArticleOrds.size() + needHeadlineOrds.size() == 0 ? Long.MAX_VALUE : firstOrd;
    for (int i = 0; i < needArticleOrds.size(); i++) {
      articleOrds.put(needArticleOrds.get(i), firstOrd + i);
    }
    for (int i = 0; i < needHeadlineOrds.size(); i++) {
      newHeadlineOrds.put(needHeadlineOrds.get(i), firstOrd + needArticleOrds.size() + i);
    }

    // 2. The journal, before any index write.
    Map<String, RoundJournal.FileEntry> entries = new LinkedHashMap<>();
    for (FileChange f : changes) {
      entries.put(
          f.key(),
          new RoundJournal.FileEntry(
              f.key(),
              f.marker().sequencer(),
              fileOrds.get(f.key()),
              f.keepsArticle()
                  ? 0
                  : articleOrds.getOrDefault(f.key(), unfinishedArticle(replay, f)),
              touched.byFile.getOrDefault(f.key(), Set.of())));
    }
    Map<String, RoundJournal.FileEntry> journaled = new LinkedHashMap<>(carried);
    journaled.putAll(entries);
    Map<String, Long> headlineOrds =
        new HashMap<>(carried.isEmpty() ? Map.of() : replay.headlines());
    headlineOrds.putAll(newHeadlineOrds);
    List<TableWrite> journalWrites =
        RoundJournal.record(
            new RoundJournal.Intents(journaled, headlineOrds, 0), journalPages, epoch);
    int pages = RoundJournal.pages(journalWrites);
    lastIntents = new RoundJournal.Intents(entries, newHeadlineOrds, pages);

    // 3. What the round writes.
    Attribution attribution = new Attribution();
    PostingChanges postings = new PostingChanges();
    List<TableWrite> documentWrites = new ArrayList<>();
    List<TableWrite> removals = new ArrayList<>();

    // Articles replaced or withdrawn, and those an unfinished attempt wrote for an event that is
    // no longer the one folded (every file of that attempt is in this round).
    Set<Long> removedArticles = new TreeSet<>();
    for (FileChange f : files) {
      long indexed = f.before().map(SourceManifest::articleOrd).orElse(0L);
      boolean replacesContent =
          f.action() == FileChange.Action.INDEX
              || f.action() == FileChange.Action.REJECT
              || f.action() == FileChange.Action.DELETE;
      if (replacesContent && indexed > 0 && !f.keepsArticle()) {
        removedArticles.add(indexed);
      }
      long used = articleOrds.getOrDefault(f.key(), 0L);
      replay
          .file(f.key())
          .map(RoundJournal.FileEntry::articleOrd)
          .filter(o -> o > 0 && o != used && o != indexed)
          .ifPresent(removedArticles::add);
    }
    documents
        .documents(removedArticles, true, deadline)
        .values()
        .forEach(
            doc -> {
              postings.remove(
                  doc.ord(), AnalyzedText.of(analyzer.tokens(doc.text())), doc.published());
              removals.add(TableWrite.delete(TableKeys.document(doc.ord())));
            });

    for (FileChange f : changes) {
      int fileOrd = fileOrds.get(f.key());
      if (f.before().map(SourceManifest::fileOrd).orElse(0) <= 0 || f.changesPublished()) {
        attribution.add(
            documentWrites,
            DocumentStore.putFile(
                fileOrd,
                f.key(),
                f.action() == FileChange.Action.INDEX ? f.published() : Optional.empty()),
            f.key());
      }
      String articleId = DocumentIds.article(f.key());
      if (f.action() == FileChange.Action.INDEX && f.article().isPresent()) {
        if (!f.keepsArticle()) {
          FileChange.Article a = f.article().get();
          long ord = articleOrds.get(f.key());
          attribution.add(
              documentWrites,
              DocumentStore.put(
                  new StoredDocument(
                      ord,
                      articleId,
                      DocKind.ARTICLE,
                      a.title(),
                      a.text(),
                      List.of(f.key()),
                      List.of(fileOrd),
                      a.analyzed().length(),
                      now,
                      a.hash(),
                      SourceOverflow.NONE,
                      f.published().orElse(now)),
                  epoch),
              f.key());
          attribution.add(documentWrites, DocumentStore.putPointer(articleId, ord, epoch), f.key());
          postings.add(
              ord, DocKind.ARTICLE, a.analyzed(), new int[] {fileOrd}, f.published().orElse(now));
        }
      } else if (f.before().map(SourceManifest::hasArticle).orElse(false)
          || replay.file(f.key()).map(e -> e.articleOrd() > 0).orElse(false)) {
        removals.add(TableWrite.delete(TableKeys.pointer(articleId)));
      }
    }

    HeadlinePlanner.Plan headlinePlan =
        headlines.plan(touched, newHeadlineOrds, postings, epoch, now, deadline);
    attribution.headlines(headlinePlan.owners(), touched.adds);
    // The documents are checked and sent while the postings are planned: the writes go to
    // DynamoDB while this process works out the rest.
    List<TableWrite> fresh = new ArrayList<>(documentWrites);
    fresh.addAll(headlinePlan.writes());
    attribution.check(fresh, changes);
    // The manifests too are built and checked before any index write, so a file whose manifest
    // DynamoDB would refuse is rejected before the round has written anything of it.
    List<TableWrite> manifests = new ArrayList<>();
    List<TableWrite> markerDeletes = new ArrayList<>();
    Instant finished = clock.instant();
    for (FileChange f : files) {
      f.markers().forEach(m -> markerDeletes.add(PendingStore.remove(m)));
      if (f.action() == FileChange.Action.SKIP) {
        continue;
      }
      SourceManifest after =
          manifestAfter(
              f,
              f.action() == FileChange.Action.UNCHANGED
                  ? Map.of(f.key(), f.before().get().fileOrd())
                  : fileOrds,
              articleOrds,
              headlinePlan,
              finished);
      attribution.add(manifests, SourceStore.put(after, epoch), f.key());
    }
    attribution.check(manifests, changes);
    long items = 0;
    gate.renew();
    items += write(journalWrites, gate);
    CompletableFuture<Long> freshWritten =
        CompletableFuture.supplyAsync(() -> write(fresh, gate, attribution, changes), SIDE);
    PostingWriter.Plan postingPlan;
    long[] written = {0};
    boolean[] documentsWritten = {false};
    PartInFlight inFlight = new PartInFlight();
    try {
      // The chunks are written a part at a time as they are planned, each part checked and sent
      // once the documents they list are written; the directories that list them come after all.
      // A part refused or failed leaves what a round that died among its chunk writes leaves: the
      // directories still list whole chunks (PostingListEditor never shrinks one they list), and
      // the journal's replay, or the round planned again, finishes from there.
      postingPlan =
          postingWriter.plan(
              postings.byTerm(),
              epoch,
              !replay.isEmpty(),
              freshFrom,
              deadline,
              part -> {
                List<TableWrite> checked = new ArrayList<>(part.chunkWrites());
                checked.addAll(part.directoryWrites());
                attribution.check(checked, changes);
                if (!documentsWritten[0]) {
                  documentsWritten[0] = true;
                  written[0] += awaited(freshWritten);
                }
                written[0] += inFlight.awaited();
                gate.renew();
                inFlight.start(() -> write(part.chunkWrites(), gate, attribution, changes));
              });
      written[0] += inFlight.awaited();
      attribution.check(postingPlan.directoryWrites(), changes);
    } finally {
      inFlight.settle();
      if (!documentsWritten[0]) {
        written[0] += awaited(freshWritten);
      }
    }
    items += written[0];

    // Then, in an order that keeps the index readable, the lease renewed before each phase.
    gate.renew();
    items += write(postingPlan.directoryWrites(), gate, attribution, changes);
    postingWriter.written(postingPlan);
    List<TableWrite> allRemovals = new ArrayList<>(postingPlan.retirements());
    allRemovals.addAll(removals);
    allRemovals.addAll(headlinePlan.removals());
    items += write(allRemovals, gate);
    gate.renew();
    items += write(manifests, gate, attribution, changes);
    items += write(markerDeletes, gate);
    items +=
        write(
            carried.isEmpty()
                ? RoundJournal.clear(pages)
                : RoundJournal.record(
                    new RoundJournal.Intents(carried, replay.headlines(), 0), pages, epoch),
            gate);
    return new Result(changes.size() + recorded.size(), postings.byTerm().size(), items, 0);
  }

  /**
   * The article an unfinished attempt wrote for a file that now writes none (rejected, deleted):
   * kept in the journal, so that if this attempt dies too, the next still takes it out.
   */
  private static long unfinishedArticle(RoundJournal.Intents replay, FileChange f) {
    return replay.file(f.key()).map(RoundJournal.FileEntry::articleOrd).orElse(0L);
  }

  /**
   * The chunk writes of the part last planned, sent on the side while the next part is planned (at
   * most one part in flight, so the writes and the planning overlap and memory holds two parts).
   */
  private static final class PartInFlight {
    private CompletableFuture<Long> writing;

    void start(java.util.function.Supplier<Long> writes) {
      writing = CompletableFuture.supplyAsync(writes, SIDE);
    }

    /** Waits for the part in flight, if any: its items, or its failure as the round's. */
    long awaited() {
      CompletableFuture<Long> w = writing;
      writing = null;
      return w == null ? 0 : Round.awaited(w);
    }

    /**
     * Waits for a part still in flight when the round fails for another reason, so no write of this
     * round lands after it has given up; that part's own failure, if any, is the lesser one.
     */
    void settle() {
      CompletableFuture<Long> w = writing;
      writing = null;
      if (w != null) {
        try {
          w.join();
        } catch (java.util.concurrent.CompletionException
            | java.util.concurrent.CancellationException e) {
          // The round is already failing.
        }
      }
    }
  }

  /** Waits for writes started on the side; their failure is the round's. */
  private static long awaited(CompletableFuture<Long> writes) {
    try {
      return writes.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  /** The intents the last run recorded (replayed if the round is planned again). */
  RoundJournal.Intents lastIntents() {
    return lastIntents;
  }

  /**
   * Writes in slices, renewing the lease between them, so a phase of a large round never outlasts
   * its lease.
   */
  private long write(List<TableWrite> writes, WriteGate gate) {
    for (int i = 0; i < writes.size(); i += SLICE) {
      if (i > 0) {
        gate.renew();
      }
      table.write(writes.subList(i, Math.min(writes.size(), i + SLICE)), gate.writes());
    }
    return writes.size();
  }

  private long write(
      List<TableWrite> writes, WriteGate gate, Attribution attribution, List<FileChange> files) {
    try {
      write(writes, gate);
    } catch (ItemLimitException refused) {
      throw attribution.refused(Map.of(refused.key(), refused.getMessage()), files);
    }
    return writes.size();
  }

  private SourceManifest manifestAfter(
      FileChange f,
      Map<String, Integer> fileOrds,
      Map<String, Long> articleOrds,
      HeadlinePlanner.Plan headlinePlan,
      Instant now) {
    PendingMarker m = f.marker();
    boolean indexed =
        f.action() == FileChange.Action.INDEX || f.action() == FileChange.Action.UNCHANGED;
    Set<String> headlineIds;
    long articleOrd;
    String articleHash;
    if (f.action() == FileChange.Action.UNCHANGED) {
      SourceManifest b = f.before().get();
      headlineIds = b.headlineIds();
      articleOrd = b.articleOrd();
      articleHash = b.articleHash();
    } else if (indexed) {
      headlineIds = f.headlines().keySet();
      articleOrd = articleOrds.getOrDefault(f.key(), 0L);
      articleHash = f.article().map(FileChange.Article::hash).orElse("");
    } else {
      headlineIds = Set.of();
      articleOrd = 0;
      articleHash = "";
    }
    Set<Long> headlineOrds =
        f.action() == FileChange.Action.UNCHANGED
            ? f.before().get().headlineOrds()
            : HeadlinePlanner.ordsOf(headlineIds, headlinePlan.ords());
    return new SourceManifest(
        m.key(),
        m.sequencer(),
        m.removed(),
        m.etag(),
        m.size(),
        f.finalStatus(),
        f.reason(),
        f.warnings(),
        m.receivedAt(),
        Optional.of(now),
        fileOrds.get(f.key()),
        articleOrd,
        articleHash,
        headlineIds,
        headlineOrds,
        indexed ? f.published() : Optional.empty());
  }

  /**
   * Which files an item belongs to, so that an item DynamoDB would refuse rejects only the files
   * that made it: a file's own items are its; a headline's belong to the files it gains; a term's
   * to the files whose text holds it.
   */
  private static final class Attribution {
    private final Map<ItemKey, String> owners = new HashMap<>();
    private final Map<ItemKey, String> headlineOwners = new HashMap<>();
    private Map<String, java.util.SortedMap<Integer, String>> headlineFiles = Map.of();

    void add(List<TableWrite> into, TableWrite write, String key) {
      into.add(write);
      owners.put(write.key(), key);
    }

    void headlines(
        Map<ItemKey, String> owners, Map<String, java.util.SortedMap<Integer, String>> adds) {
      headlineOwners.putAll(owners);
      headlineFiles = adds;
    }

    void check(List<TableWrite> writes, List<FileChange> files) {
      Map<ItemKey, String> refused = new LinkedHashMap<>();
      for (TableWrite w : writes) {
        try {
          IndexTable.check(w);
        } catch (ItemLimitException e) {
          refused.put(w.key(), e.getMessage());
        }
      }
      if (!refused.isEmpty()) {
        throw refused(refused, files);
      }
    }

    FilesRefusedException refused(Map<ItemKey, String> items, List<FileChange> files) {
      Map<String, String> reasons = new LinkedHashMap<>();
      items.forEach(
          (key, message) -> {
            String why = "indexing it would write an item DynamoDB refuses (" + message + ")";
            for (String file : responsible(key, files)) {
              reasons.putIfAbsent(file, why);
            }
          });
      if (reasons.isEmpty()) {
        throw new IllegalStateException(
            "an item DynamoDB refuses belongs to no file of the round: " + items);
      }
      return new FilesRefusedException(reasons);
    }

    /** The files that made an item: its owner, a headline's new files, a term's documents. */
    private Set<String> responsible(ItemKey key, List<FileChange> files) {
      String owner = owners.get(key);
      if (owner != null) {
        return Set.of(owner);
      }
      String pk = key.pk();
      String term =
          pk.startsWith("TERM#") ? key.sk() : pk.startsWith("POST#") ? pk.substring(5) : null;
      Set<String> out = new HashSet<>();
      if (term != null) {
        for (FileChange f : files) {
          boolean hasTerm =
              f.article().map(a -> a.analyzed().terms().containsKey(term)).orElse(false)
                  || f.headlines().values().stream()
                      .anyMatch(h -> h.analyzed().terms().containsKey(term));
          if (hasTerm) {
            out.add(f.key());
          }
        }
        return out;
      }
      String headline = headlineOwners.get(key);
      if (headline != null && headlineFiles.containsKey(headline)) {
        out.addAll(headlineFiles.get(headline).values());
      }
      return out;
    }
  }
}
