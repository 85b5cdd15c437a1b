package org.newsindex.index;

import static org.newsindex.index.Attributes.n;
import static org.newsindex.index.Attributes.s;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Keeps reindex checkpoints in the table, one per prefix. */
public final class ReindexStore {
  private static final String PARTITION = "REINDEX";
  private static final Duration TIME = Duration.ofSeconds(10);

  private final IndexTable table;

  public ReindexStore(IndexTable table) {
    this.table = table;
  }

  private static ItemKey key(String prefix) {
    return new ItemKey(PARTITION, KeyText.bounded("p" + prefix, KeyText.SORT_KEY_BYTES));
  }

  public Optional<ReindexCheckpoint> read(String prefix) {
    return table.get(key(prefix), true).map(ReindexStore::decode);
  }

  /** Every reindex not finished yet (what the sweep continues). */
  public List<ReindexCheckpoint> unfinished() {
    return table
        .query(
            q ->
                q.keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", s(PARTITION)))
                    .consistentRead(true),
            100)
        .stream()
        .map(ReindexStore::decode)
        .toList();
  }

  public void save(ReindexCheckpoint c) {
    Map<String, AttributeValue> item = new HashMap<>(key(c.prefix()).toMap());
    item.put("prefix", s(c.prefix()));
    c.token().ifPresent(t -> item.put("token", s(t)));
    c.lastKey().ifPresent(k -> item.put("lastKey", s(k)));
    item.put("listed", n(c.listed()));
    item.put("marked", n(c.marked()));
    item.put("startedAt", s(c.startedAt().toString()));
    table.write(List.of(TableWrite.put(item)), Deadline.after(TIME));
  }

  public void delete(String prefix) {
    table.write(List.of(TableWrite.delete(key(prefix))), Deadline.after(TIME));
  }

  private static ReindexCheckpoint decode(Map<String, AttributeValue> item) {
    return new ReindexCheckpoint(
        Attributes.string(item, "prefix").orElse(""),
        Attributes.string(item, "token"),
        Attributes.string(item, "lastKey"),
        Attributes.number(item, "listed", 0),
        Attributes.number(item, "marked", 0),
        Attributes.string(item, "startedAt").map(Instant::parse).orElse(Instant.EPOCH));
  }
}
