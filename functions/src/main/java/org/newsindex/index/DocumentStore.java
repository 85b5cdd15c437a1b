package org.newsindex.index;

import static org.newsindex.index.Attributes.n;
import static org.newsindex.index.Attributes.s;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Reads and writes documents, the pointers from document ids to ordinals, and file ordinals' keys.
 */
public final class DocumentStore {
  private static final int FILE_KEY_CACHE_SIZE = 200_000;
  private static final Map<Integer, String> FILE_KEYS = new ConcurrentHashMap<>();

  private final IndexTable table;

  public DocumentStore(IndexTable table) {
    this.table = table;
  }

  public Map<Long, StoredDocument> documents(
      Collection<Long> ords, boolean consistent, Deadline deadline) {
    Map<ItemKey, Map<String, AttributeValue>> items =
        table.getAll(ords.stream().map(TableKeys::document).toList(), consistent, deadline);
    Map<Long, StoredDocument> out = new HashMap<>();
    items
        .values()
        .forEach(
            item -> {
              StoredDocument doc = decode(item);
              out.put(doc.ord(), doc);
            });
    return out;
  }

  public Optional<StoredDocument> document(long ord, boolean consistent) {
    return table.get(TableKeys.document(ord), consistent).map(DocumentStore::decode);
  }

  /** The current ordinal of each document id that has one. */
  public Map<String, DocumentPointer> pointers(
      Collection<String> ids, boolean consistent, Deadline deadline) {
    Map<String, DocumentPointer> out = new HashMap<>();
    table
        .getAll(ids.stream().map(TableKeys::pointer).toList(), consistent, deadline)
        .values()
        .forEach(
            item -> {
              DocumentPointer p =
                  new DocumentPointer(
                      Attributes.requiredString(item, "id"),
                      Attributes.number(item, "ord", 0),
                      Attributes.string(item, "text").orElse(""));
              out.put(p.id(), p);
            });
    return out;
  }

  /**
   * Claims a document id for an ordinal: the pointer is written unless one exists, in which case
   * the existing ordinal (from an earlier attempt) is returned.
   */
  public long claimPointer(String id, long ord, String text) {
    try {
      table
          .client()
          .putItem(
              b ->
                  b.tableName(table.name())
                      .item(putPointer(id, ord, text).putRequest().item())
                      .conditionExpression("attribute_not_exists(pk)"));
      return ord;
    } catch (ConditionalCheckFailedException exists) {
      return table
          .get(TableKeys.pointer(id), true)
          .map(item -> Attributes.number(item, "ord", ord))
          .orElse(ord);
    }
  }

  public Optional<StoredDocument> byId(String id) {
    return table
        .get(TableKeys.pointer(id), false)
        .flatMap(item -> document(Attributes.number(item, "ord", 0), false));
  }

  /**
   * The S3 keys of file ordinals. A file ordinal never changes its key, so keys once read are kept
   * for the life of the process (bounded), and facets of repeated searches cost no reads.
   */
  public Map<Integer, String> fileKeys(Collection<Integer> fileOrds, Deadline deadline) {
    Map<Integer, String> out = new HashMap<>();
    List<ItemKey> missing = new ArrayList<>();
    for (int ord : fileOrds) {
      String key = FILE_KEYS.get(ord);
      if (key != null) {
        out.put(ord, key);
      } else {
        missing.add(TableKeys.file(ord));
      }
    }
    table
        .getAll(missing, false, deadline)
        .values()
        .forEach(
            item -> {
              int ord = (int) Attributes.number(item, "ord", 0);
              String key = Attributes.requiredString(item, "key");
              out.put(ord, key);
              if (FILE_KEYS.size() < FILE_KEY_CACHE_SIZE) {
                FILE_KEYS.put(ord, key);
              }
            });
    return out;
  }

  public static WriteRequest put(StoredDocument doc) {
    Map<String, AttributeValue> item = new HashMap<>(TableKeys.document(doc.ord()).toMap());
    item.put("ord", n(doc.ord()));
    item.put("id", s(doc.id()));
    item.put("kind", s(doc.kind().label()));
    item.put("title", s(doc.title()));
    item.put("text", s(doc.text()));
    item.put("sources", Attributes.strings(doc.sources()));
    item.put("sourceOrds", Attributes.numbers(doc.sourceOrds()));
    item.put("length", n(doc.length()));
    item.put("ingestedAt", s(doc.ingestedAt().toString()));
    if (!doc.contentHash().isEmpty()) {
      item.put("hash", s(doc.contentHash()));
    }
    return IndexTable.put(item);
  }

  public static WriteRequest putPointer(String id, long ord, String text) {
    Map<String, AttributeValue> item = new HashMap<>(TableKeys.pointer(id).toMap());
    item.put("id", s(id));
    item.put("ord", n(ord));
    item.put("text", s(text));
    return IndexTable.put(item);
  }

  public static WriteRequest putFileKey(int fileOrd, String key) {
    Map<String, AttributeValue> item = new HashMap<>(TableKeys.file(fileOrd).toMap());
    item.put("ord", n(fileOrd));
    item.put("key", s(key));
    return IndexTable.put(item);
  }

  static StoredDocument decode(Map<String, AttributeValue> item) {
    return new StoredDocument(
        Attributes.number(item, "ord", 0),
        Attributes.requiredString(item, "id"),
        DocKind.parse(Attributes.requiredString(item, "kind")).orElseThrow(),
        Attributes.string(item, "title").orElse(""),
        Attributes.string(item, "text").orElse(""),
        Attributes.stringList(item, "sources"),
        Attributes.numberList(item, "sourceOrds").stream().map(Long::intValue).toList(),
        (int) Attributes.number(item, "length", 0),
        Instant.parse(Attributes.requiredString(item, "ingestedAt")),
        Attributes.string(item, "hash").orElse(""));
  }

  /**
   * Where a document id points: its current ordinal, and (for headlines) the text it was created
   * from.
   */
  public record DocumentPointer(String id, long ord, String text) {}
}
