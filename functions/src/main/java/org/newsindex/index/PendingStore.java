package org.newsindex.index;

import static org.newsindex.index.Attributes.n;
import static org.newsindex.index.Attributes.s;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The events waiting for the writer, one marker each, spread over {@value TableKeys#PENDING_SHARDS}
 * partitions so a bulk upload is not limited by one key's write throughput.
 */
public final class PendingStore {
  private final IndexTable table;

  public PendingStore(IndexTable table) {
    this.table = table;
  }

  /** Records an event: one small put, the same for a duplicate delivery of the event. */
  public void record(PendingMarker marker, Deadline deadline) {
    table.write(List.of(TableWrite.put(encode(marker))), deadline);
  }

  /** Records the events of one invocation together. */
  public void recordAll(Collection<PendingMarker> markers, Deadline deadline) {
    table.write(markers.stream().map(m -> TableWrite.put(encode(m))).toList(), deadline);
  }

  /**
   * Up to {@code limit} waiting events, from every partition at once (consistent reads, an equal
   * share of the limit each).
   */
  public List<PendingMarker> list(int limit, Deadline deadline) {
    int perShard = Math.max(1, (limit + TableKeys.PENDING_SHARDS - 1) / TableKeys.PENDING_SHARDS);
    List<Integer> shards =
        java.util.stream.IntStream.range(0, TableKeys.PENDING_SHARDS).boxed().toList();
    List<PendingMarker> out = new ArrayList<>();
    table
        .inParallel(
            shards,
            shard ->
                table.query(
                    q ->
                        q.keyConditionExpression("pk = :pk")
                            .expressionAttributeValues(
                                Map.of(":pk", s(TableKeys.PENDING_PREFIX + shard)))
                            .consistentRead(true),
                    perShard,
                    deadline))
        .forEach(items -> items.forEach(item -> out.add(decode(item))));
    return out.size() <= limit ? out : out.subList(0, limit);
  }

  /** Whether any event waits (a read of at most one item per partition). */
  public boolean any(Deadline deadline) {
    return !list(1, deadline).isEmpty();
  }

  /** The waiting events of one key, oldest first. */
  public List<PendingMarker> forKey(String key, Deadline deadline) {
    String pk = TableKeys.pendingPartition(key);
    String prefix = TableKeys.markerPrefix(key);
    return table
        .query(
            q ->
                q.keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                    .expressionAttributeValues(Map.of(":pk", s(pk), ":prefix", s(prefix)))
                    .consistentRead(true),
            1000,
            deadline)
        .stream()
        .map(PendingStore::decode)
        .filter(m -> m.key().equals(key))
        .toList();
  }

  /** The waiting events of keys starting with the prefix, from every partition. */
  public List<PendingMarker> withPrefix(String prefix, int limit, Deadline deadline) {
    List<PendingMarker> out = new ArrayList<>();
    for (int shard = 0; shard < TableKeys.PENDING_SHARDS && out.size() < limit; shard++) {
      String pk = TableKeys.PENDING_PREFIX + shard;
      String keyPrefix = KeyText.prefix(prefix, KeyText.SORT_KEY_BYTES - 40);
      table
          .query(
              q ->
                  q.keyConditionExpression(
                          keyPrefix.isEmpty() ? "pk = :pk" : "pk = :pk AND begins_with(sk, :p)")
                      .expressionAttributeValues(
                          keyPrefix.isEmpty()
                              ? Map.of(":pk", s(pk))
                              : Map.of(":pk", s(pk), ":p", s(keyPrefix))),
              limit - out.size(),
              deadline)
          .stream()
          .map(PendingStore::decode)
          .filter(m -> m.key().startsWith(prefix))
          .forEach(out::add);
    }
    return out;
  }

  static TableWrite remove(PendingMarker marker) {
    return TableWrite.delete(marker.itemKey());
  }

  static Map<String, AttributeValue> encode(PendingMarker m) {
    Map<String, AttributeValue> item = new HashMap<>(m.itemKey().toMap());
    item.put("key", s(m.key()));
    item.put("seq", s(m.sequencer()));
    item.put("removed", AttributeValue.builder().bool(m.removed()).build());
    item.put("etag", s(m.etag()));
    item.put("size", n(m.size()));
    item.put("eventTime", s(m.eventTime().toString()));
    item.put("at", s(m.receivedAt().toString()));
    return item;
  }

  static PendingMarker decode(Map<String, AttributeValue> item) {
    AttributeValue removed = item.get("removed");
    Instant at = Attributes.string(item, "at").map(Instant::parse).orElse(Instant.EPOCH);
    return new PendingMarker(
        Attributes.requiredString(item, "key"),
        Attributes.requiredString(item, "seq"),
        removed != null && Boolean.TRUE.equals(removed.bool()),
        Attributes.string(item, "etag").orElse(""),
        Attributes.number(item, "size", 0),
        Attributes.string(item, "eventTime").map(Instant::parse).orElse(at),
        at);
  }
}
