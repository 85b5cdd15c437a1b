package org.newsindex.index;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.newsindex.analysis.AnalyzedText;
import org.newsindex.analysis.TextAnalyzer;

/**
 * Decides what a round does to shared headlines: from the files' manifests (what each listed
 * before) and what each lists now, which headlines gain or lose which files, which are created and
 * which go with their last file; then what each one's document, suggestion, source chunks and
 * postings become. A headline's postings change only when its first files do, so a headline listed
 * by thousands of files costs one small document write a round, not a rewrite of everything that
 * mentions it.
 */
final class HeadlinePlanner {
  private final IndexTable table;
  private final DocumentStore documents;
  private final TextAnalyzer analyzer;

  HeadlinePlanner(IndexTable table, TextAnalyzer analyzer) {
    this.table = table;
    this.documents = new DocumentStore(table);
    this.analyzer = analyzer;
  }

  /** Which files each headline gains and loses in a round, and what is known of it so far. */
  static final class Touched {
    final Map<String, SortedMap<Integer, String>> adds = new LinkedHashMap<>();
    final Map<String, Set<Integer>> removes = new LinkedHashMap<>();
    final Map<String, FileChange.Headline> texts = new HashMap<>();
    final Map<String, Set<String>> byFile = new LinkedHashMap<>();

    /** Headlines an unfinished attempt touched: written again whole, whatever they hold now. */
    final Set<String> retouched = new HashSet<>();

    /** When the stories of the round's indexed files were published, by file ordinal. */
    final Map<Integer, Instant> published = new HashMap<>();

    /**
     * For each headline, the files that still or no longer list it whose publication time, as the
     * index holds it, goes: the headline's earliest may have been theirs.
     */
    final Map<String, Map<Integer, Instant>> lost = new HashMap<>();

    Map<String, DocumentStore.DocumentPointer> pointers = Map.of();

    /**
     * The ordinals of headlines a file of the round lists both before and after, untouched: its
     * manifest records them too.
     */
    Map<String, Long> keptOrds = Map.of();

    Set<String> ids() {
      Set<String> ids = new java.util.LinkedHashSet<>(adds.keySet());
      ids.addAll(removes.keySet());
      return ids;
    }

    /** The touched headlines that have no document yet and gain a file: they need ordinals. */
    List<String> needingOrds() {
      return adds.keySet().stream().filter(id -> !pointers.containsKey(id)).sorted().toList();
    }
  }

  /**
   * The headlines each file of the round touches: those it lists now or listed before but not both,
   * and those an unfinished attempt at the round touched ({@code retouch}, by key).
   */
  Touched touched(
      List<FileChange> files,
      Map<String, Integer> fileOrds,
      Map<String, Set<String>> retouch,
      Deadline deadline) {
    Touched t = new Touched();
    Set<String> kept = new HashSet<>();
    for (FileChange f : files) {
      Set<String> desired =
          f.action() == FileChange.Action.INDEX ? f.headlines().keySet() : Set.of();
      Set<String> before = f.headlinesBefore();
      Set<String> ids = new java.util.TreeSet<>(retouch.getOrDefault(f.key(), Set.of()));
      t.retouched.addAll(ids);
      desired.stream().filter(id -> !before.contains(id)).forEach(ids::add);
      before.stream().filter(id -> !desired.contains(id)).forEach(ids::add);
      int fileOrd = fileOrds.get(f.key());
      f.published()
          .filter(p -> f.action() == FileChange.Action.INDEX)
          .ifPresent(p -> t.published.put(fileOrd, p));
      if (f.changesPublished()) {
        // A new publication time changes the earliest of every headline the file still lists.
        desired.stream().filter(before::contains).forEach(ids::add);
      }
      // A time unknown (a file indexed before times were kept) may have been the earliest.
      Instant publishedBefore = f.publishedBefore().orElse(Instant.MIN);
      for (String id : before) {
        if (!desired.contains(id) || f.changesPublished()) {
          t.lost.computeIfAbsent(id, k -> new HashMap<>()).put(fileOrd, publishedBefore);
        }
      }
      for (String id : ids) {
        if (desired.contains(id)) {
          t.adds.computeIfAbsent(id, k -> new TreeMap<>()).put(fileOrd, f.key());
        } else {
          t.removes.computeIfAbsent(id, k -> new HashSet<>()).add(fileOrd);
        }
      }
      f.headlines().forEach(t.texts::putIfAbsent);
      t.byFile.put(f.key(), ids);
      desired.stream().filter(id -> before.contains(id) && !ids.contains(id)).forEach(kept::add);
    }
    Set<String> touchedIds = t.ids();
    kept.removeAll(touchedIds);
    Set<String> read = new java.util.LinkedHashSet<>(touchedIds);
    read.addAll(kept);
    Map<String, DocumentStore.DocumentPointer> pointers = documents.pointers(read, true, deadline);
    t.pointers = new HashMap<>(pointers);
    t.pointers.keySet().retainAll(touchedIds);
    Map<String, Long> keptOrds = new HashMap<>();
    kept.forEach(
        id -> Optional.ofNullable(pointers.get(id)).ifPresent(p -> keptOrds.put(id, p.ord())));
    t.keptOrds = keptOrds;
    return t;
  }

  /** What a round does to its headlines. */
  record Plan(
      List<TableWrite> writes,
      List<TableWrite> removals,
      Map<String, Long> ords,
      Map<ItemKey, String> owners) {}

  /**
   * Plans every touched headline: {@code newOrds} gives those that need one an ordinal; the
   * postings to add and remove go into {@code postings}.
   */
  Plan plan(
      Touched t,
      Map<String, Long> newOrds,
      PostingChanges postings,
      long epoch,
      Instant now,
      Deadline deadline) {
    Set<String> ids = t.ids();
    Map<String, Long> ords = new HashMap<>(newOrds);
    t.pointers.forEach((id, p) -> ords.put(id, p.ord()));
    Map<Long, StoredDocument> docs =
        documents.documents(
            t.pointers.values().stream().map(p -> p.ord()).toList(), true, deadline);

    Map<String, HeadlineSources> states = new LinkedHashMap<>();
    Map<ItemKey, long[]> chunkKeys = new HashMap<>();
    for (String id : ids) {
      Long ord = ords.get(id);
      if (ord == null) {
        continue; // only removals, and the headline is not indexed: nothing to do
      }
      Optional<StoredDocument> doc = Optional.ofNullable(docs.get(ord));
      states.put(
          id, doc.map(d -> new HeadlineSources(ord, d)).orElseGet(() -> new HeadlineSources(ord)));
      doc.ifPresent(
          d ->
              HeadlineSources.chunksNeeded(
                      d,
                      t.adds.getOrDefault(id, new TreeMap<>()).keySet(),
                      t.removes.getOrDefault(id, Set.of()))
                  .forEach(
                      first ->
                          chunkKeys.put(
                              TableKeys.headlineSources(ord, first), new long[] {ord, first})));
    }
    loadChunks(states, ords, chunkKeys, deadline);

    Set<Integer> unnamed = new HashSet<>();
    for (Map.Entry<String, HeadlineSources> e : states.entrySet()) {
      String id = e.getKey();
      HeadlineSources s = e.getValue();
      t.removes.getOrDefault(id, Set.of()).forEach(s::remove);
      t.adds.getOrDefault(id, new TreeMap<>()).forEach(s::add);
      s.listed()
          .forEach(
              (f, key) -> {
                if (key == null) {
                  unnamed.add(f);
                }
              });
    }
    Map<Integer, String> keys = documents.fileKeys(unnamed, deadline);
    states.values().forEach(s -> s.nameListed(keys));
    Map<String, Instant> published = published(t, states, ords, docs, deadline);

    List<TableWrite> writes = new ArrayList<>();
    List<TableWrite> removals = new ArrayList<>();
    for (Map.Entry<String, HeadlineSources> e : states.entrySet()) {
      String id = e.getKey();
      HeadlineSources s = e.getValue();
      long ord = ords.get(id);
      StoredDocument before = docs.get(ord);
      if (s.isEmpty()) {
        if (before != null) {
          removals.addAll(delete(id, before));
          postings.remove(ord, analyze(before.title()), before.published());
        } else if (t.pointers.containsKey(id)) {
          // An unfinished round created the pointer but not the document: take it back.
          removals.add(TableWrite.delete(TableKeys.pointer(id)));
          Optional.ofNullable(t.texts.get(id))
              .ifPresent(h -> removals.add(SuggestionStore.deleteHeadline(h.text())));
        }
        continue;
      }
      long countBefore = before == null ? 0 : before.sourceCount();
      SourceOverflow overflow = s.seal();
      String title = before != null ? before.title() : t.texts.get(id).text();
      StoredDocument after =
          new StoredDocument(
              ord,
              id,
              DocKind.HEADLINE,
              title,
              title,
              new ArrayList<>(s.listed().values()),
              new ArrayList<>(s.listed().keySet()),
              before != null ? before.length() : t.texts.get(id).analyzed().length(),
              before != null ? before.ingestedAt() : now,
              "",
              overflow,
              published.getOrDefault(id, before != null ? before.published() : now));
      // An unfinished attempt may have written this headline's document but not its postings (or
      // the reverse): write both again.
      boolean redo = t.retouched.contains(id);
      boolean moved = before != null && !after.published().equals(before.published());
      boolean changed =
          before == null
              || redo
              || moved
              || !after.sourceOrds().equals(before.sourceOrds())
              || !after.sources().equals(before.sources())
              || !overflow.equals(before.overflow());
      if (changed) {
        writes.add(DocumentStore.put(after, epoch));
      }
      if (before == null) {
        writes.add(DocumentStore.putPointer(id, ord, epoch));
      }
      long countAfter = after.sourceCount();
      if (before == null
          || redo
          || SuggestionStore.bucket(countAfter) != SuggestionStore.bucket(countBefore)) {
        writes.add(SuggestionStore.putHeadline(title, id, countAfter, epoch));
      }
      s.chunksToWrite()
          .forEach(
              (first, fileOrds) -> writes.add(DocumentStore.putSealedChunk(ord, fileOrds, epoch)));
      s.chunksToDelete()
          .forEach(first -> removals.add(DocumentStore.deleteSealedChunk(ord, first)));
      if (before == null || redo || moved || !after.sourceOrds().equals(before.sourceOrds())) {
        AnalyzedText analyzed =
            t.texts.containsKey(id) ? t.texts.get(id).analyzed() : analyze(title);
        if (before != null) {
          postings.moveListing(ord, before.published(), after.published());
        }
        postings.add(
            ord,
            DocKind.HEADLINE,
            analyzed,
            after.sourceOrds().stream().mapToInt(Integer::intValue).toArray(),
            after.published());
      }
    }
    Map<ItemKey, String> owners = new HashMap<>();
    for (TableWrite w : writes) {
      owners.put(w.key(), ownerOf(w, ords));
    }
    // The manifests name every headline their files list, untouched ones too.
    t.keptOrds.forEach(ords::putIfAbsent);
    return new Plan(writes, removals, ords, owners);
  }

  /**
   * When each touched headline's story was published: the earliest of its files'. A headline keeps
   * its time and takes any earlier one a new file brings, unless a file whose time may have been
   * its earliest leaves it (or changes its time), or an unfinished attempt touched it: then every
   * file that lists it is read, with its time (this round's files as they are now).
   */
  private Map<String, Instant> published(
      Touched t,
      Map<String, HeadlineSources> states,
      Map<String, Long> ords,
      Map<Long, StoredDocument> docs,
      Deadline deadline) {
    Map<String, Instant> out = new HashMap<>();
    Map<String, HeadlineSources> recount = new LinkedHashMap<>();
    states.forEach(
        (id, s) -> {
          if (s.isEmpty()) {
            return;
          }
          StoredDocument before = docs.get(ords.get(id));
          Optional<Instant> earliestAdded =
              t.adds.getOrDefault(id, new TreeMap<>()).keySet().stream()
                  .map(t.published::get)
                  .filter(java.util.Objects::nonNull)
                  .min(Instant::compareTo);
          boolean mayLoseEarliest =
              before == null
                  || t.retouched.contains(id)
                  || t.lost.getOrDefault(id, Map.of()).values().stream()
                      .anyMatch(p -> !p.isAfter(before.published()));
          if (!mayLoseEarliest) {
            Instant kept = before.published();
            out.put(id, earliestAdded.filter(a -> a.isBefore(kept)).orElse(kept));
          } else {
            recount.put(id, s);
          }
        });
    if (recount.isEmpty()) {
      return out;
    }
    Map<ItemKey, long[]> unread = new HashMap<>();
    recount.forEach(
        (id, s) ->
            s.unreadChunks()
                .forEach(
                    first ->
                        unread.put(
                            TableKeys.headlineSources(ords.get(id), first),
                            new long[] {ords.get(id), first})));
    loadChunks(recount, ords, unread, deadline);
    Set<Integer> stored = new HashSet<>();
    recount
        .values()
        .forEach(
            s -> s.all().stream().filter(f -> !t.published.containsKey(f)).forEach(stored::add));
    Map<Integer, Instant> times = new HashMap<>(documents.filePublished(stored, deadline));
    times.putAll(t.published);
    recount.forEach(
        (id, s) ->
            s.all().stream()
                .map(times::get)
                .filter(java.util.Objects::nonNull)
                .min(Instant::compareTo)
                .ifPresent(p -> out.put(id, p)));
    return out;
  }

  /** The headline id an item of a headline belongs to. */
  private static String ownerOf(TableWrite w, Map<String, Long> ords) {
    if (w instanceof TableWrite.Put put && put.item().containsKey("id")) {
      return put.item().get("id").s();
    }
    String pk = w.key().pk();
    long ord = Long.parseLong(pk.substring(pk.indexOf('#') + 1));
    return ords.entrySet().stream()
        .filter(e -> e.getValue() == ord)
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse("");
  }

  private void loadChunks(
      Map<String, HeadlineSources> states,
      Map<String, Long> ords,
      Map<ItemKey, long[]> chunkKeys,
      Deadline deadline) {
    if (chunkKeys.isEmpty()) {
      return;
    }
    Map<Long, HeadlineSources> byOrd = new HashMap<>();
    states.forEach((id, s) -> byOrd.put(ords.get(id), s));
    Map<ItemKey, Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> items =
        table.getAll(chunkKeys.keySet(), true, deadline);
    chunkKeys.forEach(
        (key, ordAndFirst) -> {
          var item = items.get(key);
          java.util.SortedSet<Integer> fileOrds = new java.util.TreeSet<>();
          if (item != null) {
            Varints.unpackSorted(Attributes.bytes(item, "b"))
                .forEach(v -> fileOrds.add(v.intValue()));
          }
          byOrd.get(ordAndFirst[0]).load((int) ordAndFirst[1], fileOrds);
        });
  }

  private List<TableWrite> delete(String id, StoredDocument doc) {
    List<TableWrite> out = new ArrayList<>();
    out.add(TableWrite.delete(TableKeys.document(doc.ord())));
    out.add(TableWrite.delete(TableKeys.pointer(id)));
    out.add(SuggestionStore.deleteHeadline(doc.title()));
    doc.overflow()
        .sealed()
        .forEach(c -> out.add(DocumentStore.deleteSealedChunk(doc.ord(), c.first())));
    return out;
  }

  private AnalyzedText analyze(String text) {
    return AnalyzedText.of(analyzer.tokens(text));
  }

  /** The ordinals of the given headline ids, as planned. */
  static Set<Long> ordsOf(Collection<String> ids, Map<String, Long> ords) {
    Set<Long> out = new java.util.TreeSet<>();
    for (String id : ids) {
      Long ord = ords.get(id);
      if (ord != null) {
        out.add(ord);
      }
    }
    return out;
  }
}
