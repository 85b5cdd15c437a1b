package org.newsindex.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.newsindex.analysis.TextAnalyzer;
import org.newsindex.corpus.CorpusFile;
import org.newsindex.corpus.CorpusParser;
import org.newsindex.corpus.RejectedFileException;
import org.newsindex.index.Deadline;
import org.newsindex.index.DocKind;
import org.newsindex.index.DocumentIds;
import org.newsindex.index.DocumentStore;
import org.newsindex.index.IndexTable;
import org.newsindex.index.Lease;
import org.newsindex.index.PostingListEditor;
import org.newsindex.index.SourceManifest;
import org.newsindex.index.SourceStatus;
import org.newsindex.index.SourceStore;
import org.newsindex.index.StoredDocument;
import org.newsindex.index.SuggestionStore;
import org.newsindex.index.TableKeys;
import org.newsindex.index.TermDirectory;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The single writer of the shared parts of the index. It brings the index to the state the pending
 * files' manifests ask for: their articles, the headlines they list (shared between files), the
 * posting lists and the statistics derived from them. Every step converges (puts of whole items,
 * set-like edits of posting lists, statistics recomputed from the lists), and intents are recorded
 * before writes, so a round that dies part-way is finished exactly by the next one.
 */
public final class Compactor {
  static final int FILES_PER_ROUND = 1000;
  private static final int FIRST_ROUND = 64;
  private static final int MIN_ROUND = 8;
  static final String DOCUMENT_COUNTER = "document";

  private final IndexTable table;
  private final SourceStore sources;
  private final DocumentStore documents;
  private final CorpusObjects objects;
  private final CorpusParser parser;
  private final TextAnalyzer analyzer;
  private final long maxFileBytes;
  private final int chunkBytes;
  private final Clock clock;
  private final PostingWriter postingWriter;
  private final HeadlinePlanner headlines;

  public Compactor(
      IndexTable table,
      CorpusObjects objects,
      CorpusParser parser,
      TextAnalyzer analyzer,
      long maxFileBytes,
      int chunkBytes,
      Clock clock) {
    this.table = table;
    this.sources = new SourceStore(table);
    this.documents = new DocumentStore(table);
    this.objects = objects;
    this.parser = parser;
    this.analyzer = analyzer;
    this.maxFileBytes = maxFileBytes;
    this.chunkBytes = chunkBytes;
    this.clock = clock;
    this.postingWriter = new PostingWriter(table, chunkBytes);
    this.headlines = new HeadlinePlanner(table);
  }

  /** Exercises the analysis and posting-list code paths without writing anything. */
  void warmUp() {
    PostingChanges changes = new PostingChanges(analyzer);
    changes.add(
        1, DocKind.ARTICLE, "Warm-up text for the analyzer and the posting lists.", new int[] {1});
    changes
        .byTerm()
        .forEach(
            (term, list) ->
                PostingListEditor.apply(TermDirectory.empty(term), Map.of(), list, chunkBytes));
  }

  /**
   * What a run did: rounds, files brought up to date, terms whose lists changed, items written, and
   * files left pending for their newer event.
   */
  public record Outcome(int rounds, int folded, int terms, int itemsWritten, Set<String> waiting) {
    /** Nothing done. */
    public static final Outcome NONE = new Outcome(0, 0, 0, 0, Set.of());

    public Outcome {
      waiting = Set.copyOf(waiting);
    }
  }

  /** Counts a run's work as its rounds go. */
  private static final class RoundStats {
    int rounds;
    int files;
    int terms;
    int items;

    void add(int roundFiles, int roundTerms, int roundItems) {
      rounds++;
      files += roundFiles;
      terms += roundTerms;
      items += roundItems;
    }
  }

  /**
   * Runs rounds until nothing is pending, the lease is lost or the deadline nears. Files whose
   * object is not readable at the event's version are left pending for their newer event.
   */
  public Outcome runUntilIdle(Deadline deadline, Lease lease, Duration leaseTtl) {
    Set<String> waiting = new HashSet<>();
    RoundStats stats = new RoundStats();
    postingWriter.newRun();
    double secondsPerFile = 0;
    while (deadline.remaining().compareTo(Duration.ofSeconds(2)) > 0) {
      if (!lease.renew(min(leaseTtl, deadline.remaining()))) {
        break;
      }
      int size = roundSize(secondsPerFile, deadline.remaining());
      List<String> keys = new ArrayList<>(sources.pendingKeys(size + waiting.size()));
      keys.removeAll(waiting);
      if (keys.isEmpty()) {
        break;
      }
      List<String> round = keys.subList(0, Math.min(size, keys.size()));
      long started = System.nanoTime();
      round(round, waiting, deadline, stats);
      double perFile = (System.nanoTime() - started) / 1e9 / round.size();
      secondsPerFile =
          secondsPerFile == 0 ? perFile : Math.max(perFile, (secondsPerFile + perFile) / 2);
    }
    postingWriter.newRun();
    return new Outcome(stats.rounds, stats.files, stats.terms, stats.items, waiting);
  }

  /**
   * How many files the next round may take: as many as fit in a third of the time left at the pace
   * of the rounds so far (bigger rounds rewrite each common term's list fewer times), at most
   * {@value #FILES_PER_ROUND}; a modest first round measures the pace.
   */
  static int roundSize(double secondsPerFile, Duration remaining) {
    if (secondsPerFile <= 0) {
      return FIRST_ROUND;
    }
    double fit = remaining.toMillis() / 1000.0 / 3 / secondsPerFile;
    return (int) Math.max(MIN_ROUND, Math.min(FILES_PER_ROUND, fit));
  }

  private void round(List<String> keys, Set<String> waiting, Deadline deadline, RoundStats stats) {
    Map<String, SourceManifest> manifests = sources.manifests(keys, deadline);
    List<SourceManifest> pending = new ArrayList<>();
    for (String key : keys) {
      SourceManifest m = manifests.get(key);
      if (m == null) {
        sources.dropPending(key);
      } else if (!m.isPending()) {
        sources.clearPending(key, m.sequencer());
      } else {
        pending.add(m);
      }
    }
    List<DesiredFile> files = new ArrayList<>();
    table.inParallel(pending, this::desired).forEach(d -> d.ifPresent(files::add));
    for (String key : keys) {
      SourceManifest m = manifests.get(key);
      if (m != null && m.isPending() && files.stream().noneMatch(f -> f.key().equals(key))) {
        waiting.add(key);
      }
    }
    if (!files.isEmpty()) {
      apply(files, deadline, stats);
    }
  }

  /**
   * What the file should contribute; empty if its object changed since the event (a newer event
   * follows).
   */
  private Optional<DesiredFile> desired(SourceManifest m) {
    if (m.status() != SourceStatus.PENDING) {
      return Optional.of(DesiredFile.nothing(m, m.status(), m.reason()));
    }
    ObjectRead read = objects.read(m.key(), m.etag(), maxFileBytes);
    if (read instanceof ObjectRead.Found found) {
      try {
        CorpusFile file = parser.parse(found.bytes());
        return Optional.of(DesiredFile.of(m, file));
      } catch (RejectedFileException e) {
        return Optional.of(DesiredFile.nothing(m, SourceStatus.REJECTED, Optional.of(e.reason())));
      }
    }
    if (read instanceof ObjectRead.TooLarge tooLarge) {
      return Optional.of(
          DesiredFile.nothing(
              m,
              SourceStatus.REJECTED,
              Optional.of(IngestService.tooLargeReason(tooLarge.size(), maxFileBytes))));
    }
    return Optional.empty();
  }

  private void apply(List<DesiredFile> files, Deadline deadline, RoundStats stats) {
    Instant now = clock.instant();
    PostingChanges changes = new PostingChanges(analyzer);
    List<WriteRequest> newDocuments = new ArrayList<>();
    List<WriteRequest> pointersAndDocs = new ArrayList<>();
    List<WriteRequest> removals = new ArrayList<>();

    // Articles: a fresh ordinal for each new or changed article, recorded before anything is
    // written.
    Map<String, Long> articleOrds = new HashMap<>();
    Set<Long> removedArticleOrds = new LinkedHashSet<>();
    List<DesiredFile> needOrds =
        files.stream().filter(f -> f.article().isPresent() && !f.keepsArticle()).toList();
    long first = needOrds.isEmpty() ? 0 : sources.allocate(DOCUMENT_COUNTER, needOrds.size());
    List<Long> claims =
        table.inParallel(
            IntStream.range(0, needOrds.size()).boxed().toList(),
            i -> sources.claimArticleOrd(needOrds.get(i).manifest(), first + i));
    Map<String, Long> claimed = new HashMap<>();
    for (int i = 0; i < needOrds.size(); i++) {
      claimed.put(needOrds.get(i).key(), claims.get(i));
    }
    for (DesiredFile f : files) {
      SourceManifest m = f.manifest();
      if (m.hasArticle() && !f.keepsArticle()) {
        removedArticleOrds.add(m.articleOrd());
      }
      removedArticleOrds.addAll(m.staleOrds());
      if (m.allocatedFor().isPresent()
          && !m.allocatedFor().get().equals(m.sequencer())
          && m.allocatedOrd() != m.articleOrd()) {
        removedArticleOrds.add(m.allocatedOrd());
      }
      if (f.keepsArticle()) {
        articleOrds.put(f.key(), m.articleOrd());
      } else if (f.article().isPresent()) {
        long ord = claimed.get(f.key());
        articleOrds.put(f.key(), ord);
        removedArticleOrds.remove(ord);
      }
    }

    // Headlines: the files' intents first, then their sources before and after this round.
    List<HeadlineChange> headlineChanges = headlines.plan(files, deadline);

    for (long ord : removedArticleOrds) {
      documents.document(ord, true).ifPresent(doc -> changes.remove(ord, doc.text()));
      removals.add(IndexTable.delete(TableKeys.document(ord)));
    }
    for (DesiredFile f : files) {
      if (f.article().isEmpty() || f.keepsArticle()) {
        continue;
      }
      long ord = articleOrds.get(f.key());
      CorpusFile.Article article = f.article().get();
      int fileOrd = f.manifest().fileOrd();
      int length = changes.add(ord, DocKind.ARTICLE, article.text(), new int[] {fileOrd});
      String id = DocumentIds.article(f.key());
      newDocuments.add(
          DocumentStore.put(
              new StoredDocument(
                  ord,
                  id,
                  DocKind.ARTICLE,
                  article.title(),
                  article.text(),
                  List.of(f.key()),
                  List.of(fileOrd),
                  length,
                  now,
                  f.articleHash())));
      pointersAndDocs.add(DocumentStore.putPointer(id, ord, ""));
    }
    for (DesiredFile f : files) {
      pointersAndDocs.add(DocumentStore.putFileKey(f.manifest().fileOrd(), f.key()));
      if (f.article().isEmpty() && f.manifest().hasArticle()) {
        removals.add(IndexTable.delete(TableKeys.pointer(DocumentIds.article(f.key()))));
      }
    }
    for (HeadlineChange h : headlineChanges) {
      if (h.kind() == HeadlineChange.Kind.DELETE) {
        changes.remove(h.ord(), h.text());
        removals.add(IndexTable.delete(TableKeys.document(h.ord())));
        removals.add(IndexTable.delete(TableKeys.pointer(h.id())));
        removals.add(SuggestionStore.deleteHeadline(h.text()));
        continue;
      }
      int[] sourceOrds =
          h.sources().values().stream().mapToInt(Integer::intValue).sorted().toArray();
      int length = changes.add(h.ord(), DocKind.HEADLINE, h.text(), sourceOrds);
      List<String> keys = new ArrayList<>(h.sources().keySet());
      List<Integer> ords = keys.stream().map(h.sources()::get).toList();
      Instant ingestedAt = h.ingestedAt().orElse(now);
      pointersAndDocs.add(
          DocumentStore.put(
              new StoredDocument(
                  h.ord(),
                  h.id(),
                  DocKind.HEADLINE,
                  h.text(),
                  h.text(),
                  keys,
                  ords,
                  length,
                  ingestedAt,
                  "")));
      pointersAndDocs.add(DocumentStore.putPointer(h.id(), h.ord(), h.text()));
      pointersAndDocs.add(SuggestionStore.putHeadline(h.text(), h.id(), keys.size()));
    }

    table.write(newDocuments, deadline);
    int postingWrites = postingWriter.apply(changes.byTerm(), deadline);
    table.write(pointersAndDocs, deadline);
    table.write(removals, deadline);
    stats.add(
        files.size(),
        changes.byTerm().size(),
        newDocuments.size() + postingWrites + pointersAndDocs.size() + removals.size());

    Instant finished = clock.instant();
    table.inParallel(
        files,
        f -> {
          long ord = articleOrds.getOrDefault(f.key(), 0L);
          String hash = ord > 0 ? f.articleHash() : "";
          sources.recordIndexed(
              f.key(),
              f.manifest().sequencer(),
              new SourceStore.IndexedState(ord, hash, f.headlines().keySet()),
              f.finalStatus(),
              f.reason(),
              finished);
          sources.clearPending(f.key(), f.manifest().sequencer());
          return f;
        });
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
