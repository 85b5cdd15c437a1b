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
 * by id, postings by term and document id, each term's statistics, each file's status. Two ingests
 * of the same files, however they went, must give equal contents.
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
    Map<String, String> documents = new TreeMap<>();
    for (StoredDocument d : snapshot.documents().values()) {
      ids.put(d.ord(), d.id());
      documents.put(
          d.id(),
          d.kind().label()
              + " | "
              + d.title()
              + " | "
              + d.sources()
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
                  + sources
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
}
