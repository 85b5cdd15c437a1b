package org.newsindex.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.newsindex.index.Deadline;
import org.newsindex.index.DocumentStore;
import org.newsindex.index.IndexTable;
import org.newsindex.index.SourceStore;
import org.newsindex.index.StoredDocument;

/**
 * Decides what a round does to shared headlines: from the files' manifests (what each listed
 * before, what it lists now, what an unfinished round had touched) and the headlines' current
 * sources, which headlines are created, which change sources, and which go with their last source.
 * It records each file's intent and claims new headlines' ordinals before anything is written, so a
 * round that dies is finished exactly by the next.
 */
final class HeadlinePlanner {
  private final IndexTable table;
  private final SourceStore sources;
  private final DocumentStore documents;

  HeadlinePlanner(IndexTable table) {
    this.table = table;
    this.sources = new SourceStore(table);
    this.documents = new DocumentStore(table);
  }

  List<HeadlineChange> plan(List<DesiredFile> files, Deadline deadline) {
    Map<String, Set<String>> touchedByFile = new LinkedHashMap<>();
    Set<String> touched = new LinkedHashSet<>();
    Map<String, String> texts = new HashMap<>();
    for (DesiredFile f : files) {
      Set<String> ids = new LinkedHashSet<>(f.manifest().intentHeadlines());
      Set<String> desired = f.headlines().keySet();
      Set<String> actual = f.manifest().headlineIds();
      desired.stream().filter(id -> !actual.contains(id)).forEach(ids::add);
      actual.stream().filter(id -> !desired.contains(id)).forEach(ids::add);
      touchedByFile.put(f.key(), ids);
      touched.addAll(ids);
      f.headlines().forEach(texts::putIfAbsent);
    }
    table.inParallel(
        new ArrayList<>(touchedByFile.entrySet()),
        e -> {
          sources.recordIntent(e.getKey(), e.getValue());
          return e;
        });
    if (touched.isEmpty()) {
      return List.of();
    }
    Map<String, DocumentStore.DocumentPointer> pointers =
        documents.pointers(touched, true, deadline);
    Map<Long, StoredDocument> docs =
        documents.documents(
            pointers.values().stream().map(DocumentStore.DocumentPointer::ord).toList(),
            true,
            deadline);

    List<String> needOrds = new ArrayList<>();
    Map<String, SortedMap<String, Integer>> after = new LinkedHashMap<>();
    Map<String, Optional<StoredDocument>> before = new HashMap<>();
    for (String id : touched) {
      Optional<StoredDocument> doc =
          Optional.ofNullable(pointers.get(id)).map(p -> docs.get(p.ord()));
      before.put(id, doc);
      SortedMap<String, Integer> sourcesAfter = new TreeMap<>();
      doc.ifPresent(
          d -> {
            for (int i = 0; i < d.sources().size(); i++) {
              sourcesAfter.put(d.sources().get(i), d.sourceOrds().get(i));
            }
          });
      for (DesiredFile f : files) {
        if (f.headlines().containsKey(id)) {
          sourcesAfter.put(f.key(), f.manifest().fileOrd());
        } else {
          sourcesAfter.remove(f.key());
        }
      }
      after.put(id, sourcesAfter);
      if (!sourcesAfter.isEmpty() && !pointers.containsKey(id)) {
        needOrds.add(id);
      }
    }
    Map<String, Long> newOrds = claimOrds(needOrds, texts);
    List<HeadlineChange> out = new ArrayList<>();
    for (String id : touched) {
      SortedMap<String, Integer> sourcesAfter = after.get(id);
      Optional<StoredDocument> doc = before.get(id);
      DocumentStore.DocumentPointer pointer = pointers.get(id);
      String text =
          texts.getOrDefault(
              id, doc.map(StoredDocument::title).orElse(pointer == null ? "" : pointer.text()));
      if (sourcesAfter.isEmpty()) {
        if (pointer != null) {
          out.add(
              new HeadlineChange(
                  HeadlineChange.Kind.DELETE,
                  id,
                  pointer.ord(),
                  doc.map(StoredDocument::title).orElse(pointer.text()),
                  sourcesAfter,
                  Optional.empty()));
        }
      } else if (doc.isEmpty()) {
        long ord = pointer != null ? pointer.ord() : newOrds.get(id);
        String createText = pointer != null && !pointer.text().isEmpty() ? pointer.text() : text;
        out.add(
            new HeadlineChange(
                HeadlineChange.Kind.CREATE, id, ord, createText, sourcesAfter, Optional.empty()));
      } else if (!sourcesAfter.keySet().equals(new LinkedHashSet<>(doc.get().sources()))) {
        out.add(
            new HeadlineChange(
                HeadlineChange.Kind.UPDATE,
                id,
                doc.get().ord(),
                doc.get().title(),
                sourcesAfter,
                Optional.of(doc.get().ingestedAt())));
      }
    }
    return out;
  }

  /** Gives each new headline an ordinal, claiming its pointer so a retry reuses the same one. */
  private Map<String, Long> claimOrds(List<String> ids, Map<String, String> texts) {
    Map<String, Long> out = new HashMap<>();
    if (ids.isEmpty()) {
      return out;
    }
    long first = sources.allocate(Compactor.DOCUMENT_COUNTER, ids.size());
    List<Long> ords =
        table.inParallel(
            IntStream.range(0, ids.size()).boxed().toList(),
            i -> documents.claimPointer(ids.get(i), first + i, texts.getOrDefault(ids.get(i), "")));
    for (int i = 0; i < ids.size(); i++) {
      out.put(ids.get(i), ords.get(i));
    }
    return out;
  }
}
