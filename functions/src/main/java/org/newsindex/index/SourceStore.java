package org.newsindex.index;

import static org.newsindex.index.Attributes.n;
import static org.newsindex.index.Attributes.s;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads file manifests; the writer writes them (one whole item per file folded). A manifest lists
 * its file's headlines compactly (eight bytes an id, a varint an ordinal), so even a file of the
 * most headlines allowed stays far below DynamoDB's item limit.
 */
public final class SourceStore {
  private final IndexTable table;

  public SourceStore(IndexTable table) {
    this.table = table;
  }

  public Optional<SourceManifest> manifest(String key) {
    return manifest(key, Deadline.after(Duration.ofSeconds(10)));
  }

  /** The same, reading nothing after the deadline. */
  public Optional<SourceManifest> manifest(String key, Deadline deadline) {
    return table
        .get(TableKeys.source(key), true, deadline)
        .map(SourceStore::decode)
        .filter(m -> m.key().equals(key));
  }

  public Map<String, SourceManifest> manifests(Collection<String> keys, Deadline deadline) {
    Map<String, SourceManifest> out = new HashMap<>();
    table
        .getAll(keys.stream().map(TableKeys::source).toList(), true, deadline)
        .values()
        .forEach(
            item -> {
              SourceManifest m = decode(item);
              out.put(m.key(), m);
            });
    return out;
  }

  /** Manifests whose key starts with the prefix, in key order, after {@code startAfter}. */
  public List<SourceManifest> list(
      String prefix, int limit, Optional<String> startAfter, Deadline deadline) {
    String keyPrefix = KeyText.prefix(prefix, KeyText.SORT_KEY_BYTES - 20);
    List<Map<String, AttributeValue>> items =
        table.query(
            q -> {
              q.keyConditionExpression(
                      keyPrefix.isEmpty() ? "pk = :pk" : "pk = :pk AND begins_with(sk, :prefix)")
                  .expressionAttributeValues(
                      keyPrefix.isEmpty()
                          ? Map.of(":pk", s(TableKeys.SOURCE))
                          : Map.of(":pk", s(TableKeys.SOURCE), ":prefix", s(keyPrefix)));
              startAfter.ifPresent(after -> q.exclusiveStartKey(TableKeys.source(after).toMap()));
            },
            limit,
            deadline);
    return items.stream().map(SourceStore::decode).filter(m -> m.key().startsWith(prefix)).toList();
  }

  static TableWrite put(SourceManifest m, long epoch) {
    Map<String, AttributeValue> item = new HashMap<>(TableKeys.source(m.key()).toMap());
    item.put("key", s(m.key()));
    item.put("seq", s(m.sequencer()));
    item.put("removed", AttributeValue.builder().bool(m.removed()).build());
    item.put("etag", s(m.etag()));
    item.put("size", n(m.size()));
    item.put("status", s(m.status().label()));
    m.reason().ifPresent(r -> item.put("reason", s(r)));
    if (!m.warnings().isEmpty()) {
      item.put("warnings", Attributes.strings(m.warnings()));
    }
    item.put("receivedAt", s(m.receivedAt().toString()));
    m.processedAt().ifPresent(p -> item.put("processedAt", s(p.toString())));
    item.put("fileOrd", n(m.fileOrd()));
    if (m.hasArticle()) {
      item.put("articleOrd", n(m.articleOrd()));
      item.put("articleHash", s(m.articleHash()));
    }
    if (!m.headlineIds().isEmpty()) {
      item.put("hids", Attributes.b(packIds(m.headlineIds())));
    }
    if (!m.headlineOrds().isEmpty()) {
      item.put("hords", Attributes.b(Varints.packSorted(m.headlineOrds())));
    }
    m.published().ifPresent(p -> item.put("pub", n(p.getEpochSecond())));
    item.put("epoch", n(epoch));
    return TableWrite.put(item);
  }

  static SourceManifest decode(Map<String, AttributeValue> item) {
    AttributeValue removed = item.get("removed");
    return new SourceManifest(
        Attributes.string(item, "key").orElseGet(() -> item.get("sk").s()),
        Attributes.string(item, "seq").orElse(""),
        removed != null && Boolean.TRUE.equals(removed.bool()),
        Attributes.string(item, "etag").orElse(""),
        Attributes.number(item, "size", 0),
        Attributes.string(item, "status").map(SourceStatus::parse).orElse(SourceStatus.PENDING),
        Attributes.string(item, "reason"),
        Attributes.stringList(item, "warnings"),
        Attributes.string(item, "receivedAt").map(Instant::parse).orElse(Instant.EPOCH),
        Attributes.string(item, "processedAt").map(Instant::parse),
        (int) Attributes.number(item, "fileOrd", 0),
        Attributes.number(item, "articleOrd", 0),
        Attributes.string(item, "articleHash").orElse(""),
        unpackIds(Attributes.bytes(item, "hids")),
        Varints.unpackSorted(Attributes.bytes(item, "hords")),
        item.containsKey("pub")
            ? Optional.of(Instant.ofEpochSecond(Attributes.number(item, "pub", 0)))
            : Optional.empty());
  }

  /** Headline ids ("h" and 16 hex digits) as 8 bytes each, in id order. */
  static byte[] packIds(Set<String> ids) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(ids.size() * 8);
    for (String id : new TreeSet<>(ids)) {
      out.writeBytes(HexFormat.of().parseHex(id, 1, 17));
    }
    return out.toByteArray();
  }

  static Set<String> unpackIds(byte[] bytes) {
    Set<String> ids = new TreeSet<>();
    for (int i = 0; i + 8 <= bytes.length; i += 8) {
      ids.add("h" + HexFormat.of().formatHex(bytes, i, i + 8));
    }
    return ids;
  }
}
