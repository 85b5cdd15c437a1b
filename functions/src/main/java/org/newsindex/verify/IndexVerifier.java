package org.newsindex.verify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.newsindex.analysis.AnalyzedText;
import org.newsindex.analysis.TextAnalyzer;
import org.newsindex.index.Bm25;
import org.newsindex.index.ChunkCodec;
import org.newsindex.index.ChunkSummary;
import org.newsindex.index.DocKind;
import org.newsindex.index.DocumentIds;
import org.newsindex.index.IndexSnapshot;
import org.newsindex.index.ListingKey;
import org.newsindex.index.PostingEntry;
import org.newsindex.index.PostingListEditor;
import org.newsindex.index.SourceManifest;
import org.newsindex.index.SourceOverflow;
import org.newsindex.index.SourceStatus;
import org.newsindex.index.StoredDocument;
import org.newsindex.index.SuggestionStore;
import org.newsindex.index.TermDirectory;

/**
 * Recomputes, from the stored documents and file manifests alone, every statistic, posting list,
 * source list and headline suggestion count the index keeps, and reports each difference. A
 * whole-table check for operators and tests; it reads everything once.
 */
public final class IndexVerifier {
  private final TextAnalyzer analyzer;

  public IndexVerifier(TextAnalyzer analyzer) {
    this.analyzer = analyzer;
  }

  public VerificationReport verify(IndexSnapshot snapshot) {
    List<String> drift = new ArrayList<>();
    Map<String, Long> counts = new TreeMap<>();
    counts.put("files", (long) snapshot.manifests().size());
    counts.put("documents", (long) snapshot.documents().size());
    counts.put("terms", (long) snapshot.directories().size());

    // What the postings should be, from the documents' own text (documents in ordinal order).
    ExpectedPostings expected = new ExpectedPostings();
    for (StoredDocument doc : snapshot.documents().values()) {
      AnalyzedText analyzed = AnalyzedText.of(analyzer.tokens(doc.text()));
      if (analyzed.length() != doc.length()) {
        drift.add(
            "document "
                + doc.id()
                + " (ord "
                + doc.ord()
                + ") stores length "
                + doc.length()
                + " but its text has "
                + analyzed.length()
                + " tokens");
      }
      int nb = Bm25.normByte(analyzed.length());
      int[] sources = sources(doc);
      long published = doc.published().getEpochSecond();
      analyzed
          .terms()
          .forEach(
              (term, o) ->
                  expected.add(
                      term,
                      doc.ord(),
                      ExpectedPostings.digest(
                          doc.kind(), o.frequency(), nb, published, o.positions(), sources),
                      o.surface()));
      expected.add(
          TermDirectory.ALL_DOCUMENTS,
          doc.ord(),
          ExpectedPostings.digest(
              doc.kind(), analyzed.length(), nb, published, new int[0], sources),
          null);
    }

    Set<String> terms = new TreeSet<>(expected.terms());
    terms.addAll(snapshot.directories().keySet());
    terms.addAll(snapshot.chunks().keySet());
    long postings = 0;
    for (String term : terms) {
      postings += checkTerm(term, snapshot, expected, drift);
    }
    counts.put("postings", postings);

    snapshot.overLimits().forEach(p -> drift.add("an item DynamoDB would refuse: " + p));
    checkSources(snapshot, drift);
    checkSuggestions(snapshot, drift);
    return new VerificationReport(drift, counts, snapshot.pendingFiles());
  }

  private static int[] sources(StoredDocument doc) {
    return doc.sourceOrds().stream().mapToInt(Integer::intValue).sorted().toArray();
  }

  /**
   * The posting {@code doc} should hold for {@code term}, derived again to describe a difference.
   */
  private PostingEntry expectedPosting(StoredDocument doc, String term) {
    AnalyzedText analyzed = AnalyzedText.of(analyzer.tokens(doc.text()));
    int nb = Bm25.normByte(analyzed.length());
    long published = doc.published().getEpochSecond();
    if (TermDirectory.ALL_DOCUMENTS.equals(term)) {
      return new PostingEntry(
          doc.ord(),
          doc.kind(),
          analyzed.length(),
          nb,
          0,
          new int[0],
          sources(doc),
          published,
          ListingKey.of(published, doc.ord()));
    }
    AnalyzedText.Occurrences o = analyzed.terms().get(term);
    return new PostingEntry(
        doc.ord(),
        doc.kind(),
        o.frequency(),
        nb,
        0,
        o.positions(),
        sources(doc),
        published,
        Bm25.rankKey(o.frequency(), nb));
  }

  private long checkTerm(
      String term, IndexSnapshot snapshot, ExpectedPostings expectedPostings, List<String> drift) {
    ExpectedPostings.TermPostings expected = expectedPostings.of(term);
    TermDirectory dir = snapshot.directories().get(term);
    Map<Integer, byte[]> chunks = snapshot.chunks().getOrDefault(term, Map.of());
    if (dir == null) {
      if (expected.size() > 0 || !chunks.isEmpty()) {
        drift.add(
            "term '"
                + term
                + "' has no directory but "
                + expected.size()
                + " documents contain it and "
                + chunks.size()
                + " chunks are stored");
      }
      return 0;
    }
    Set<Long> orphans = new TreeSet<>();
    Map<Long, PostingEntry> differing = new TreeMap<>();
    Set<Integer> listed = new TreeSet<>();
    long previousKey = Long.MAX_VALUE;
    long previousOrd = -1;
    // A list of stored chunks may keep a tail inline: in order within itself, outside theirs.
    boolean tailed =
        dir.chunks().size() > 1
            && dir.chunks().stream().anyMatch(c -> c.id() == TermDirectory.INLINE);
    for (ChunkSummary summary : dir.chunks()) {
      listed.add(summary.id());
      // The tail and the sealed runs are each in order within themselves, outside the partition.
      boolean tail =
          tailed && summary.id() == TermDirectory.INLINE || PostingListEditor.isRun(summary.id());
      long keptKey = previousKey;
      long keptOrd = previousOrd;
      if (tail) {
        previousKey = Long.MAX_VALUE;
        previousOrd = -1;
      }
      byte[] bytes = chunks.get(summary.id());
      if (bytes == null) {
        drift.add("term '" + term + "' lists chunk " + summary.id() + " which is not stored");
        continue;
      }
      List<PostingEntry> entries = ChunkCodec.decode(bytes, term);
      int articles = 0;
      long tfSum = 0;
      for (PostingEntry e : entries) {
        if (PostingEntry.compare(previousKey, previousOrd, e.key(), e.ord()) > 0) {
          drift.add(
              "term '"
                  + term
                  + "' chunk "
                  + summary.id()
                  + " breaks the best-first order at ordinal "
                  + e.ord());
        }
        previousKey = e.key();
        previousOrd = e.ord();
        articles += e.kind() == DocKind.ARTICLE ? 1 : 0;
        tfSum += e.tf();
        int at = expected.indexOf(e.ord());
        if (at < 0 ? !orphans.add(e.ord()) : !expected.markSeen(at)) {
          drift.add("term '" + term + "' lists ordinal " + e.ord() + " twice");
        }
        if (at < 0) {
          continue;
        }
        if (ExpectedPostings.digest(e) != expected.digest(at)) {
          differing.put(e.ord(), e);
        }
        String form = expectedPostings.form(expected.form(at));
        // A term keeps at most MAX_FORMS forms; a document using one past them records the first.
        boolean formDropped =
            dir.forms().size() >= PostingListEditor.MAX_FORMS
                && !dir.forms().contains(form)
                && e.form() == 0;
        if (!TermDirectory.ALL_DOCUMENTS.equals(term)
            && form != null
            && !formDropped
            && (e.form() >= dir.forms().size() || !dir.forms().get(e.form()).equals(form))) {
          drift.add(
              "term '"
                  + term
                  + "' ordinal "
                  + e.ord()
                  + " records surface form "
                  + (e.form() < dir.forms().size() ? dir.forms().get(e.form()) : "#" + e.form())
                  + " but the document uses '"
                  + form
                  + "' most");
        }
      }
      if (tail) {
        previousKey = keptKey;
        previousOrd = keptOrd;
      }
      if (entries.size() != summary.entries()
          || articles != summary.articles()
          || tfSum != summary.tfSum()) {
        drift.add(
            "term '"
                + term
                + "' chunk "
                + summary.id()
                + " summary says "
                + summary.entries()
                + " entries ("
                + summary.articles()
                + " articles, tf "
                + summary.tfSum()
                + ") but holds "
                + entries.size()
                + " ("
                + articles
                + " articles, tf "
                + tfSum
                + ")");
      }
    }
    for (int id : chunks.keySet()) {
      if (!listed.contains(id)) {
        drift.add("term '" + term + "' has an orphan chunk " + id + " its directory does not list");
      }
    }
    for (int i = 0; i < expected.size(); i++) {
      if (!expected.seen(i)) {
        drift.add("term '" + term + "' is missing the posting of ordinal " + expected.ord(i));
      }
    }
    differing.forEach(
        (ord, actual) ->
            drift.add(
                "term '"
                    + term
                    + "' posting of ordinal "
                    + ord
                    + " is "
                    + actual
                    + " but should be "
                    + expectedPosting(snapshot.documents().get(ord), term)));
    for (long ord : orphans) {
      drift.add(
          "term '"
              + term
              + "' has an orphan posting for ordinal "
              + ord
              + " (no such document contains it)");
    }
    return expected.seenCount() + orphans.size();
  }

  private static void checkSources(IndexSnapshot snapshot, List<String> drift) {
    Map<String, Set<String>> listedBy = new HashMap<>();
    Map<String, Long> articleOrdByKey = new HashMap<>();
    Map<String, Integer> fileOrds = new HashMap<>();
    for (SourceManifest m : snapshot.manifests().values()) {
      m.headlineIds()
          .forEach(id -> listedBy.computeIfAbsent(id, k -> new TreeSet<>()).add(m.key()));
      fileOrds.put(m.key(), m.fileOrd());
      if (m.hasArticle()) {
        articleOrdByKey.put(m.key(), m.articleOrd());
      }
      if (!snapshot.fileKeys().containsKey(m.fileOrd())
          || !snapshot.fileKeys().get(m.fileOrd()).equals(m.key())) {
        drift.add(
            "file '"
                + m.key()
                + "' has ordinal "
                + m.fileOrd()
                + " but FILE# says "
                + snapshot.fileKeys().get(m.fileOrd()));
      }
      if (m.status() == SourceStatus.INGESTED
          && m.published().isPresent()
          && !m.published()
              .equals(Optional.ofNullable(snapshot.filePublished().get(m.fileOrd())))) {
        drift.add(
            "file '"
                + m.key()
                + "' was published "
                + m.published().get()
                + " but FILE# says "
                + snapshot.filePublished().get(m.fileOrd()));
      }
      Set<Long> wantOrds = new TreeSet<>();
      m.headlineIds().forEach(id -> wantOrds.add(snapshot.pointers().getOrDefault(id, -1L)));
      if (!wantOrds.equals(new TreeSet<>(m.headlineOrds()))) {
        drift.add(
            "file '"
                + m.key()
                + "' records headline ordinals "
                + m.headlineOrds()
                + " but its headlines have "
                + wantOrds);
      }
    }
    Set<String> headlinesSeen = new TreeSet<>();
    for (StoredDocument doc : snapshot.documents().values()) {
      Long pointer = snapshot.pointers().get(doc.id());
      if (!Objects.equals(pointer, doc.ord())) {
        drift.add(
            "document "
                + doc.id()
                + " is stored at ordinal "
                + doc.ord()
                + " but its id points to "
                + pointer);
      }
      List<Integer> wantOrds =
          doc.sources().stream().map(k -> fileOrds.getOrDefault(k, -1)).toList();
      if (!wantOrds.equals(doc.sourceOrds())) {
        drift.add(
            "document "
                + doc.id()
                + " records source ordinals "
                + doc.sourceOrds()
                + " but its files have "
                + wantOrds);
      }
      Optional<java.time.Instant> wantPublished =
          doc.kind() == DocKind.HEADLINE
              ? listedBy.getOrDefault(doc.id(), Set.of()).stream()
                  .map(k -> snapshot.manifests().get(k).published())
                  .flatMap(Optional::stream)
                  .min(java.time.Instant::compareTo)
              : Optional.ofNullable(
                      snapshot.manifests().get(doc.sources().isEmpty() ? "" : doc.sources().get(0)))
                  .flatMap(SourceManifest::published);
      if (wantPublished.isPresent() && !wantPublished.get().equals(doc.published())) {
        drift.add(
            "document "
                + doc.id()
                + " was published "
                + doc.published()
                + " but its "
                + (doc.kind() == DocKind.HEADLINE ? "earliest file was " : "file was ")
                + wantPublished.get());
      }
      if (doc.kind() == DocKind.HEADLINE) {
        headlinesSeen.add(doc.id());
        checkHeadlineSources(
            snapshot, doc, listedBy.getOrDefault(doc.id(), Set.of()), fileOrds, drift);
      } else {
        String key = doc.sources().isEmpty() ? "" : doc.sources().get(0);
        if (!Objects.equals(articleOrdByKey.get(key), doc.ord())
            || !doc.id().equals(DocumentIds.article(key))) {
          drift.add(
              "article "
                  + doc.id()
                  + " (ordinal "
                  + doc.ord()
                  + ") is not the indexed article of file '"
                  + key
                  + "'");
        }
      }
    }
    listedBy.keySet().stream()
        .filter(id -> !headlinesSeen.contains(id))
        .forEach(
            id ->
                drift.add(
                    "headline " + id + " is listed by " + listedBy.get(id) + " but not stored"));
    articleOrdByKey.forEach(
        (key, ord) -> {
          if (!snapshot.documents().containsKey(ord)) {
            drift.add(
                "file '" + key + "' says its article is ordinal " + ord + " which is not stored");
          }
        });
    snapshot
        .pointers()
        .forEach(
            (id, ord) -> {
              StoredDocument doc = snapshot.documents().get(ord);
              if (doc == null || !doc.id().equals(id)) {
                drift.add(
                    "id "
                        + id
                        + " points to ordinal "
                        + ord
                        + " which holds "
                        + (doc == null ? "nothing" : doc.id()));
              }
            });
    snapshot
        .sealedSources()
        .forEach(
            (ord, chunks) -> {
              StoredDocument doc = snapshot.documents().get(ord);
              Set<Integer> listed = new TreeSet<>();
              if (doc != null) {
                doc.overflow().sealed().forEach(c -> listed.add(c.first()));
              }
              chunks.keySet().stream()
                  .filter(first -> !listed.contains(first))
                  .forEach(
                      first ->
                          drift.add(
                              "headline ordinal " + ord + " has an orphan source chunk " + first));
            });
    if (snapshot.journalPages() > 0) {
      drift.add(
          "an unfinished round left "
              + snapshot.journalPages()
              + " journal page(s); the next writer finishes it");
    }
  }

  /**
   * A headline's files: all of them exactly those whose manifests list it, the first {@value
   * StoredDocument#LISTED_SOURCES} by ordinal named in the document, the rest in its sealed chunks
   * (as its summaries say) and its tail.
   */
  private static void checkHeadlineSources(
      IndexSnapshot snapshot,
      StoredDocument doc,
      Set<String> want,
      Map<String, Integer> fileOrds,
      List<String> drift) {
    TreeSet<Integer> all = new TreeSet<>(doc.sourceOrds());
    Map<Integer, java.util.SortedSet<Integer>> chunks =
        snapshot.sealedSources().getOrDefault(doc.ord(), Map.of());
    for (SourceOverflow.SealedChunk c : doc.overflow().sealed()) {
      java.util.SortedSet<Integer> stored = chunks.get(c.first());
      if (stored == null
          || stored.isEmpty()
          || stored.first() != c.first()
          || stored.last() != c.last()
          || stored.size() != c.count()) {
        drift.add(
            "headline "
                + doc.id()
                + " summarizes source chunk "
                + c
                + " but it holds "
                + (stored == null
                    ? "nothing"
                    : stored.size() + " files " + stored.first() + ".." + stored.last()));
      }
      if (stored != null) {
        all.addAll(stored);
      }
    }
    all.addAll(doc.overflow().tail());
    TreeSet<Integer> wantOrds = new TreeSet<>();
    want.forEach(k -> wantOrds.add(fileOrds.getOrDefault(k, -1)));
    if (!all.equals(wantOrds)) {
      drift.add(
          "headline "
              + doc.id()
              + " lists "
              + all.size()
              + " source files but "
              + wantOrds.size()
              + " files list it ("
              + difference(all, wantOrds)
              + ")");
    }
    List<Integer> first = all.stream().limit(StoredDocument.LISTED_SOURCES).toList();
    if (!first.equals(doc.sourceOrds())) {
      drift.add(
          "headline "
              + doc.id()
              + " names source ordinals "
              + doc.sourceOrds()
              + " but its first files are "
              + first);
    }
  }

  private static String difference(Set<Integer> stored, Set<Integer> wanted) {
    Set<Integer> extra = new TreeSet<>(stored);
    extra.removeAll(wanted);
    Set<Integer> missing = new TreeSet<>(wanted);
    missing.removeAll(stored);
    return "extra "
        + extra.stream().limit(10).toList()
        + ", missing "
        + missing.stream().limit(10).toList();
  }

  private static void checkSuggestions(IndexSnapshot snapshot, List<String> drift) {
    Map<String, Long> wantHeadlines = new HashMap<>();
    snapshot.documents().values().stream()
        .filter(d -> d.kind() == DocKind.HEADLINE)
        .forEach(d -> wantHeadlines.put(d.id(), SuggestionStore.bucket(d.sourceCount())));
    if (!wantHeadlines.equals(snapshot.headlineSuggestions())) {
      Set<String> differing = new TreeSet<>();
      wantHeadlines.forEach(
          (id, n) -> {
            if (!n.equals(snapshot.headlineSuggestions().get(id))) {
              differing.add(
                  id + " (" + snapshot.headlineSuggestions().get(id) + ", want " + n + ")");
            }
          });
      snapshot.headlineSuggestions().keySet().stream()
          .filter(id -> !wantHeadlines.containsKey(id))
          .forEach(id -> differing.add(id + " (no such headline)"));
      drift.add(
          "headline suggestions differ from the stored headlines and their source counts: "
              + differing.stream().limit(10).toList());
    }
  }
}
