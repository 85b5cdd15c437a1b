package org.newsindex.index;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.newsindex.analysis.AnalyzedText;
import org.newsindex.analysis.TextAnalyzer;
import org.newsindex.corpus.CorpusFile;
import org.newsindex.corpus.CorpusObjects;
import org.newsindex.corpus.CorpusParser;
import org.newsindex.corpus.ObjectRead;
import org.newsindex.corpus.PublishedTime;
import org.newsindex.corpus.RejectedFileException;

/**
 * Decides, for each file with waiting events, what its latest event asks of the index: reads the
 * object at the event's version, parses and analyses it, in parallel. Whatever a file's own bytes
 * provoke (a parse failure, an exception or error in parsing or analysis) rejects that file alone,
 * with the reason; a failure to reach S3 is not the file's and fails the round.
 */
final class FileIntake {
  private static final ExecutorService POOL =
      Executors.newFixedThreadPool(
          Math.max(8, 2 * Runtime.getRuntime().availableProcessors()),
          r -> {
            Thread t = new Thread(r, "file-intake");
            t.setDaemon(true);
            return t;
          });

  private final CorpusObjects objects;
  private final CorpusParser parser;
  private final TextAnalyzer analyzer;
  private final long maxFileBytes;

  FileIntake(CorpusObjects objects, CorpusParser parser, TextAnalyzer analyzer, long maxFileBytes) {
    this.objects = objects;
    this.parser = parser;
    this.analyzer = analyzer;
    this.maxFileBytes = maxFileBytes;
  }

  /** One decision per key, in the order given; {@code markers} are each key's, oldest first. */
  List<FileChange> decide(
      Map<String, List<PendingMarker>> markers, Map<String, SourceManifest> manifests) {
    List<CompletableFuture<FileChange>> futures = new ArrayList<>();
    Map<String, AnalyzedText> headlineAnalyses = new ConcurrentHashMap<>();
    markers.forEach(
        (key, events) ->
            futures.add(
                CompletableFuture.supplyAsync(
                    () -> decide(events, Optional.ofNullable(manifests.get(key)), headlineAnalyses),
                    POOL)));
    List<FileChange> out = new ArrayList<>(futures.size());
    RuntimeException failure = null;
    for (CompletableFuture<FileChange> f : futures) {
      try {
        out.add(f.join());
      } catch (CompletionException e) {
        if (failure == null) {
          failure = e.getCause() instanceof RuntimeException r ? r : e;
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    return out;
  }

  FileChange decide(List<PendingMarker> events, Optional<SourceManifest> before) {
    return decide(events, before, new ConcurrentHashMap<>());
  }

  /**
   * As above, the analyses of headlines shared with the other files decided at the same time
   * ({@code headlineAnalyses}, by their text): a headline of the day is listed by many files.
   */
  private FileChange decide(
      List<PendingMarker> events,
      Optional<SourceManifest> before,
      Map<String, AnalyzedText> headlineAnalyses) {
    PendingMarker latest = events.get(events.size() - 1);
    if (before.isPresent() && latest.sequencer().compareTo(before.get().sequencer()) <= 0) {
      return FileChange.skip(
          latest,
          events,
          before,
          latest.sequencer().equals(before.get().sequencer())
              ? FileChange.DUPLICATE
              : FileChange.STALE);
    }
    if (latest.removed()) {
      return FileChange.withdraw(
          latest, events, before, FileChange.Action.DELETE, Optional.empty());
    }
    if (latest.size() > maxFileBytes) {
      return FileChange.withdraw(
          latest,
          events,
          before,
          FileChange.Action.REJECT,
          Optional.of(tooLargeReason(latest.size(), maxFileBytes)));
    }
    if (before.isPresent()
        && isUnchanged(before.get(), latest)
        && keepsDate(before.get(), latest)) {
      return new FileChange(
          latest,
          events,
          before,
          FileChange.Action.UNCHANGED,
          Optional.empty(),
          Map.of(),
          before.get().warnings(),
          Optional.empty(),
          before.get().published());
    }
    ObjectRead read = objects.read(latest.key(), latest.etag(), maxFileBytes);
    if (read instanceof ObjectRead.Changed) {
      return FileChange.skip(latest, events, before, FileChange.SUPERSEDED);
    }
    if (read instanceof ObjectRead.Missing) {
      return FileChange.withdraw(
          latest,
          events,
          before,
          FileChange.Action.DELETE,
          Optional.of("the object was deleted before this upload's event was processed"));
    }
    if (read instanceof ObjectRead.TooLarge tooLarge) {
      return FileChange.withdraw(
          latest,
          events,
          before,
          FileChange.Action.REJECT,
          Optional.of(tooLargeReason(tooLarge.size(), maxFileBytes)));
    }
    ObjectRead.Found found = (ObjectRead.Found) read;
    FileChange parsed = parse(latest, events, before, found.bytes(), headlineAnalyses);
    return parsed.action() == FileChange.Action.INDEX ? dated(parsed, found) : parsed;
  }

  /**
   * Whether an unchanged upload still carries the publication time it was indexed with: a copy of
   * an object onto itself with new metadata keeps its eTag but may re-date its story. Costs one
   * HEAD; an object already changed or gone is left to the full read.
   */
  private boolean keepsDate(SourceManifest before, PendingMarker latest) {
    if (before.published().isEmpty()) {
      return false;
    }
    ObjectRead head = objects.head(latest.key(), latest.etag());
    if (!(head instanceof ObjectRead.Found found)) {
      return false;
    }
    return published(latest, found, Optional.of(before))
        .published()
        .equals(before.published().get());
  }

  /**
   * The story's publication time. Without metadata or a date in the key it is when S3 stored the
   * object, or, for a key already indexed, the time it was indexed with: an overwrite or a copy
   * without a date keeps the story's first time rather than moving it to the upload's.
   */
  private static PublishedTime.Resolved published(
      PendingMarker latest, ObjectRead.Found found, Optional<SourceManifest> before) {
    Instant stored =
        before
            .filter(m -> !m.removed())
            .flatMap(SourceManifest::published)
            .orElse(found.stored().equals(Instant.EPOCH) ? latest.receivedAt() : found.stored());
    return PublishedTime.resolve(
        Optional.ofNullable(found.metadata().get(PublishedTime.METADATA)), latest.key(), stored);
  }

  /** The change with its story's publication time, and a warning if its metadata was not one. */
  private static FileChange dated(FileChange change, ObjectRead.Found found) {
    PublishedTime.Resolved published = published(change.marker(), found, change.before());
    List<String> warnings = new ArrayList<>(change.warnings());
    published.warning().ifPresent(warnings::add);
    return new FileChange(
        change.marker(),
        change.markers(),
        change.before(),
        change.action(),
        change.article(),
        change.headlines(),
        warnings,
        change.reason(),
        Optional.of(published.published()));
  }

  /** Parses and analyses a file; anything its bytes provoke becomes its rejection. */
  FileChange parse(
      PendingMarker latest,
      List<PendingMarker> events,
      Optional<SourceManifest> before,
      byte[] bytes) {
    return parse(latest, events, before, bytes, new ConcurrentHashMap<>());
  }

  private FileChange parse(
      PendingMarker latest,
      List<PendingMarker> events,
      Optional<SourceManifest> before,
      byte[] bytes,
      Map<String, AnalyzedText> headlineAnalyses) {
    try {
      CorpusFile file = parser.parse(bytes);
      Optional<FileChange.Article> article =
          file.article().map(a -> FileChange.Article.of(a, analyze(a.text())));
      Map<String, FileChange.Headline> headlines = new LinkedHashMap<>();
      for (String h : file.headlines()) {
        headlines.computeIfAbsent(
            DocumentIds.headline(h),
            id -> new FileChange.Headline(h, headlineAnalyses.computeIfAbsent(h, this::analyze)));
      }
      return new FileChange(
          latest,
          events,
          before,
          FileChange.Action.INDEX,
          article,
          headlines,
          file.warnings(),
          Optional.empty(),
          Optional.empty());
    } catch (RejectedFileException e) {
      return FileChange.withdraw(
          latest, events, before, FileChange.Action.REJECT, Optional.of(e.reason()));
    } catch (RuntimeException | StackOverflowError e) {
      return FileChange.withdraw(
          latest,
          events,
          before,
          FileChange.Action.REJECT,
          Optional.of("the file could not be read as a corpus file (" + describe(e) + ")"));
    }
  }

  private AnalyzedText analyze(String text) {
    return AnalyzedText.of(analyzer.tokens(text));
  }

  private static boolean isUnchanged(SourceManifest m, PendingMarker event) {
    return m.status() == SourceStatus.INGESTED
        && !m.removed()
        && !m.etag().isEmpty()
        && m.etag().equals(event.etag());
  }

  static String describe(Throwable e) {
    String message = e.getMessage() == null ? "" : ": " + e.getMessage();
    if (message.length() > 200) {
      message = message.substring(0, 200) + "…";
    }
    return e.getClass().getSimpleName() + message;
  }

  static String tooLargeReason(long size, long max) {
    return String.format(
        "the file is %,d bytes; files are limited to %,d bytes (MAX_FILE_BYTES)", size, max);
  }
}
