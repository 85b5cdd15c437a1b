package org.newsindex.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every item of the index table, decoded by kind: what a whole-index check reads. Posting chunks,
 * the directories' inline ones too, stay encoded in {@code chunks} (a directory here holds no
 * decoded postings), so a table of millions of postings fits in a modest heap. {@code
 * sealedSources} holds, by headline ordinal, the sealed chunks of widely shared headlines' source
 * files (by the chunk's first file ordinal); {@code markers} the events not yet folded; {@code
 * journalPages} the pages an unfinished round left; {@code overLimits} every item whose key or size
 * DynamoDB would refuse, counted in UTF-8 bytes as DynamoDB counts them (none, by construction).
 */
public record IndexSnapshot(
    Map<String, SourceManifest> manifests,
    Map<Long, StoredDocument> documents,
    Map<String, Long> pointers,
    Map<String, TermDirectory> directories,
    Map<String, Map<Integer, byte[]>> chunks,
    Map<String, Long> headlineSuggestions,
    Map<Long, Map<Integer, SortedSet<Integer>>> sealedSources,
    Map<Integer, String> fileKeys,
    Map<Integer, java.time.Instant> filePublished,
    List<PendingMarker> markers,
    int journalPages,
    List<String> overLimits) {

  /** The keys of files with events not yet folded. */
  public List<String> pendingFiles() {
    return markers.stream().map(PendingMarker::key).distinct().sorted().toList();
  }

  /** Reads the whole table with a scan. */
  public static IndexSnapshot load(DynamoDbClient client, String table) {
    Map<String, SourceManifest> manifests = new TreeMap<>();
    Map<Long, StoredDocument> documents = new TreeMap<>();
    Map<String, Long> pointers = new TreeMap<>();
    Map<String, TermDirectory> directories = new TreeMap<>();
    Map<String, Map<Integer, byte[]>> chunks = new TreeMap<>();
    Map<String, Long> headlines = new HashMap<>();
    Map<Long, Map<Integer, SortedSet<Integer>>> sealed = new TreeMap<>();
    Map<Integer, String> fileKeys = new TreeMap<>();
    Map<Integer, java.time.Instant> filePublished = new TreeMap<>();
    List<PendingMarker> markers = new ArrayList<>();
    int journalPages = 0;
    List<String> overLimits = new ArrayList<>();
    for (Map<String, AttributeValue> item :
        client.scanPaginator(b -> b.tableName(table).consistentRead(true)).items()) {
      String pk = item.get("pk").s();
      String sk = item.get("sk").s();
      try {
        IndexTable.check(TableWrite.put(item));
      } catch (ItemLimitException e) {
        overLimits.add(
            KeyText.prefix(pk, 60) + " / " + KeyText.prefix(sk, 60) + ": " + e.getMessage());
      }
      if (pk.equals(TableKeys.SOURCE)) {
        SourceManifest m = SourceStore.decode(item);
        manifests.put(m.key(), m);
      } else if (pk.startsWith(TableKeys.PENDING_PREFIX)) {
        markers.add(PendingStore.decode(item));
      } else if (pk.startsWith("DOC#")) {
        StoredDocument doc = DocumentStore.decode(item);
        documents.put(doc.ord(), doc);
      } else if (pk.startsWith("HSRC#")) {
        SortedSet<Integer> fileOrds = new TreeSet<>();
        Varints.unpackSorted(Attributes.bytes(item, "b")).forEach(v -> fileOrds.add(v.intValue()));
        sealed
            .computeIfAbsent(Long.parseLong(pk.substring(5)), o -> new TreeMap<>())
            .put(Integer.parseInt(sk), fileOrds);
      } else if (pk.startsWith("ID#")) {
        pointers.put(pk.substring(3), Attributes.number(item, "ord", 0));
      } else if (pk.startsWith("FILE#")) {
        int fileOrd = (int) Attributes.number(item, "ord", 0);
        fileKeys.put(fileOrd, Attributes.requiredString(item, "key"));
        if (item.containsKey("pub")) {
          filePublished.put(
              fileOrd, java.time.Instant.ofEpochSecond(Attributes.number(item, "pub", 0)));
        }
      } else if (pk.startsWith("TERM#")) {
        // The inline chunk is kept encoded with the stored chunks, not decoded in the directory.
        TermDirectory directory = PostingStore.decodeSummary(item);
        directories.put(directory.term(), directory);
        if (directory.chunks().stream().anyMatch(c -> c.id() == TermDirectory.INLINE)) {
          chunks
              .computeIfAbsent(directory.term(), t -> new TreeMap<>())
              .put(TermDirectory.INLINE, inlineChunk(item));
        }
      } else if (pk.startsWith("POST#")) {
        String term = Attributes.string(item, "term").orElse(pk.substring(5));
        chunks
            .computeIfAbsent(term, t -> new TreeMap<>())
            .put(Integer.parseInt(sk), Attributes.bytes(item, "b"));
      } else if (pk.startsWith("SUG#")) {
        headlines.put(Attributes.requiredString(item, "id"), Attributes.number(item, "count", 0));
      } else if (pk.equals(TableKeys.roundPage(0).pk())) {
        journalPages++;
      }
    }
    return new IndexSnapshot(
        manifests,
        documents,
        pointers,
        directories,
        chunks,
        headlines,
        sealed,
        fileKeys,
        filePublished,
        markers,
        journalPages,
        overLimits);
  }

  private static byte[] inlineChunk(Map<String, AttributeValue> item) {
    byte[] bytes = Attributes.bytes(item, "inline");
    return bytes.length == 0 ? ChunkCodec.encode(List.of()) : bytes;
  }
}
