package org.newsindex.e2e;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.newsindex.index.ChunkCodec;
import org.newsindex.index.DocKind;
import org.newsindex.index.IndexSnapshot;
import org.newsindex.index.PostingEntry;
import org.newsindex.index.SourceManifest;
import org.newsindex.index.StoredDocument;
import org.newsindex.index.TermDirectory;

/**
 * What an index holds, independent of the ordinals and chunk layout it happened to get: documents
 * by id (with every file that lists each, in key order), postings by term and document id, each
 * term's statistics, each file's status. Two ingests of the same files, however they went, must
 * give equal contents. Which files a widely shared headline names first (its first twenty, in the
 * order they were indexed) depends on that order, so for a headline listed by more than twenty
 * files a posting's sources count as how many it names.
 */
record IndexContent(
    Map<String, String> documents,
    Map<String, Map<String, String>> postings,
    Map<String, String> statistics,
    Map<String, String> files) {

  static IndexContent of(IndexSnapshot snapshot) {
    Map<Integer, String> fileKeys = new HashMap<>();
    Map<String, String> files = new TreeMap<>();
    for (SourceManifest m : snapshot.manifests().values()) {
      fileKeys.put(m.fileOrd(), m.key());
      files.put(
          m.key(),
          m.status().label()
              + " reason="
              + m.reason().orElse("")
              + " etag="
              + m.etag()
              + " article="
              + m.hasArticle()
              + " headlines="
              + new java.util.TreeSet<>(m.headlineIds())
              + " pending="
              + snapshot.pendingFiles().contains(m.key()));
    }
    Map<Long, String> ids = new HashMap<>();
    Map<Long, Boolean> shared = new HashMap<>();
    Map<String, String> documents = new TreeMap<>();
    for (StoredDocument d : snapshot.documents().values()) {
      ids.put(d.ord(), d.id());
      shared.put(d.ord(), d.sourceCount() > StoredDocument.LISTED_SOURCES);
      java.util.Set<String> all = new java.util.TreeSet<>(d.sources());
      snapshot
          .sealedSources()
          .getOrDefault(d.ord(), Map.of())
          .values()
          .forEach(c -> c.forEach(f -> all.add(snapshot.fileKeys().getOrDefault(f, "?" + f))));
      d.overflow().tail().forEach(f -> all.add(snapshot.fileKeys().getOrDefault(f, "?" + f)));
      documents.put(
          d.id(),
          d.kind().label()
              + " | "
              + d.title()
              + " | "
              + all
              + " | "
              + d.sourceCount()
              + " | "
              + d.length()
              + " | "
              + d.text());
    }
    Map<String, Map<String, String>> postings = new TreeMap<>();
    Map<String, String> statistics = new TreeMap<>();
    for (TermDirectory dir : snapshot.directories().values()) {
      Map<String, String> entries = new TreeMap<>();
      for (byte[] chunk : snapshot.chunks().getOrDefault(dir.term(), Map.of()).values()) {
        for (PostingEntry e : ChunkCodec.decode(chunk, dir.term())) {
          List<String> sources =
              Arrays.stream(e.sources())
                  .mapToObj(s -> fileKeys.getOrDefault(s, "?" + s))
                  .sorted()
                  .toList();
          String form =
              dir.term().equals(TermDirectory.ALL_DOCUMENTS) ? "" : dir.forms().get(e.form());
          entries.put(
              ids.getOrDefault(e.ord(), "missing#" + e.ord()),
              e.kind().label()
                  + " tf="
                  + e.tf()
                  + " nb="
                  + e.normByte()
                  + " pos="
                  + Arrays.toString(e.positions())
                  + " src="
                  + (shared.getOrDefault(e.ord(), false) ? sources.size() + " named" : sources)
                  + " form="
                  + form);
        }
      }
      postings.put(dir.term(), entries);
      Map<String, Integer> forms = new TreeMap<>();
      List<Integer> counts = dir.formCounts();
      for (int i = 0; i < dir.forms().size(); i++) {
        if (counts.get(i) > 0) {
          forms.put(dir.forms().get(i), counts.get(i));
        }
      }
      statistics.put(
          dir.term(),
          "df="
              + dir.docFreq()
              + " articles="
              + dir.docFreq(DocKind.ARTICLE)
              + " headlines="
              + dir.docFreq(DocKind.HEADLINE)
              + " tf="
              + dir.tfSum()
              + " forms="
              + forms);
    }
    return new IndexContent(documents, postings, statistics, files);
  }

  /** Where two contents differ, for a failure message: the first few differing entries. */
  String differenceFrom(IndexContent other) {
    StringBuilder out = new StringBuilder();
    difference("document", documents, other.documents, out);
    difference("statistic", statistics, other.statistics, out);
    difference("file", files, other.files, out);
    java.util.Set<String> terms = new java.util.TreeSet<>(postings.keySet());
    terms.addAll(other.postings.keySet());
    for (String t : terms) {
      difference(
          "posting of '" + t + "'",
          postings.getOrDefault(t, Map.of()),
          other.postings.getOrDefault(t, Map.of()),
          out);
    }
    return out.length() > 4000 ? out.substring(0, 4000) + "…" : out.toString();
  }

  private static void difference(
      String what, Map<String, String> a, Map<String, String> b, StringBuilder out) {
    java.util.Set<String> keys = new java.util.TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    for (String k : keys) {
      String x = a.get(k);
      String y = b.get(k);
      if (!java.util.Objects.equals(x, y)) {
        out.append(what)
            .append(' ')
            .append(k)
            .append(": ")
            .append(x)
            .append(" <> ")
            .append(y)
            .append('\n');
      }
    }
  }
}
