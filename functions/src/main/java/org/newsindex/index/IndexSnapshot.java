package org.newsindex.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Every item of the index table, decoded by kind: what a whole-index check reads. */
public record IndexSnapshot(
    Map<String, SourceManifest> manifests,
    Map<Long, StoredDocument> documents,
    Map<String, Long> pointers,
    Map<String, TermDirectory> directories,
    Map<String, Map<Integer, byte[]>> chunks,
    Map<String, Long> headlineSuggestions,
    List<String> pendingFiles) {

  /** Reads the whole table with a scan. */
  public static IndexSnapshot load(DynamoDbClient client, String table) {
    Map<String, SourceManifest> manifests = new TreeMap<>();
    Map<Long, StoredDocument> documents = new TreeMap<>();
    Map<String, Long> pointers = new TreeMap<>();
    Map<String, TermDirectory> directories = new TreeMap<>();
    Map<String, Map<Integer, byte[]>> chunks = new TreeMap<>();
    Map<String, Long> headlines = new HashMap<>();
    List<String> pending = new ArrayList<>();
    for (Map<String, AttributeValue> item :
        client.scanPaginator(b -> b.tableName(table).consistentRead(true)).items()) {
      String pk = item.get("pk").s();
      String sk = item.get("sk").s();
      if (pk.equals(TableKeys.SOURCE)) {
        manifests.put(sk, SourceStore.decode(item));
      } else if (pk.equals(TableKeys.PENDING)) {
        pending.add(sk);
      } else if (pk.startsWith("DOC#")) {
        StoredDocument doc = DocumentStore.decode(item);
        documents.put(doc.ord(), doc);
      } else if (pk.startsWith("ID#")) {
        pointers.put(pk.substring(3), Attributes.number(item, "ord", 0));
      } else if (pk.startsWith("TERM#")) {
        TermDirectory directory = PostingStore.decodeDirectory(item);
        directories.put(sk, directory);
        if (directory.chunks().stream().anyMatch(c -> c.id() == TermDirectory.INLINE)) {
          chunks
              .computeIfAbsent(sk, t -> new TreeMap<>())
              .put(TermDirectory.INLINE, ChunkCodec.encode(directory.inline()));
        }
      } else if (pk.startsWith("POST#")) {
        chunks
            .computeIfAbsent(pk.substring(5), t -> new TreeMap<>())
            .put(Integer.parseInt(sk), Attributes.bytes(item, "b"));
      } else if (pk.startsWith("SUG#")) {
        headlines.put(Attributes.requiredString(item, "id"), Attributes.number(item, "count", 0));
      }
    }
    return new IndexSnapshot(
        manifests, documents, pointers, directories, chunks, headlines, pending);
  }
}
