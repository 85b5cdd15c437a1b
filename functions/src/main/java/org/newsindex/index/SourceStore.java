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
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Reads and writes source manifests and pending markers. Every write that records an event is
 * conditional on its sequencer being newer than the one stored, which is what makes duplicate and
 * out-of-order deliveries harmless.
 */
public final class SourceStore {
  private final IndexTable table;

  public SourceStore(IndexTable table) {
    this.table = table;
  }

  /**
   * What the ingest decided about one event, to be recorded if the event is the newest for its key.
   */
  public record ReceivedEvent(
      String key,
      String sequencer,
      boolean removed,
      String etag,
      long size,
      SourceStatus status,
      Optional<String> reason,
      List<String> warnings,
      Instant receivedAt,
      int fileOrd) {}

  public Optional<SourceManifest> manifest(String key) {
    return table.get(TableKeys.source(key), true).map(SourceStore::decode);
  }

  public Map<String, SourceManifest> manifests(Collection<String> keys, Deadline deadline) {
    Map<String, SourceManifest> out = new HashMap<>();
    table
        .getAll(keys.stream().map(TableKeys::source).toList(), true, deadline)
        .values()
        .forEach(item -> out.put(item.get("sk").s(), decode(item)));
    return out;
  }

  /** Manifests whose key starts with the prefix, in key order, after {@code startAfter}. */
  public List<SourceManifest> list(String prefix, int limit, Optional<String> startAfter) {
    List<Map<String, AttributeValue>> items =
        table.query(
            q -> {
              q.keyConditionExpression(
                      prefix.isEmpty() ? "pk = :pk" : "pk = :pk AND begins_with(sk, :prefix)")
                  .expressionAttributeValues(
                      prefix.isEmpty()
                          ? Map.of(":pk", s(TableKeys.SOURCE))
                          : Map.of(":pk", s(TableKeys.SOURCE), ":prefix", s(prefix)));
              startAfter.ifPresent(after -> q.exclusiveStartKey(TableKeys.source(after).toMap()));
            },
            limit);
    return items.stream().map(SourceStore::decode).toList();
  }

  /** Records an event if it is newer than what is stored; false if it is a duplicate or stale. */
  public boolean recordEvent(ReceivedEvent e) {
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    List<String> sets = new ArrayList<>();
    set(sets, names, values, "seq", s(e.sequencer()));
    set(sets, names, values, "removed", AttributeValue.builder().bool(e.removed()).build());
    set(sets, names, values, "etag", s(e.etag()));
    set(sets, names, values, "size", n(e.size()));
    set(sets, names, values, "status", s(e.status().label()));
    set(sets, names, values, "warnings", Attributes.strings(e.warnings()));
    set(sets, names, values, "receivedAt", s(e.receivedAt().toString()));
    set(sets, names, values, "pendingSeq", s(e.sequencer()));
    names.put("#fileOrd", "fileOrd");
    values.put(":fileOrd", n(e.fileOrd()));
    sets.add("#fileOrd = if_not_exists(#fileOrd, :fileOrd)");
    String update = "SET " + String.join(", ", sets);
    if (e.reason().isPresent()) {
      names.put("#reason", "reason");
      values.put(":reason", s(e.reason().get()));
      update += ", #reason = :reason";
    } else {
      names.put("#reason", "reason");
      update += " REMOVE #reason";
    }
    return conditionalUpdate(
        e.key(), update, "attribute_not_exists(#seq) OR #seq < :seq", names, values);
  }

  /** Records a newer event for an object whose content is already indexed unchanged. */
  public boolean recordUnchanged(String key, String sequencer, Instant now) {
    return conditionalUpdate(
        key,
        "SET #seq = :seq, #receivedAt = :now, #processedAt = :now",
        "#seq < :seq AND attribute_not_exists(#pendingSeq)",
        Map.of(
            "#seq",
            "seq",
            "#receivedAt",
            "receivedAt",
            "#processedAt",
            "processedAt",
            "#pendingSeq",
            "pendingSeq"),
        Map.of(":seq", s(sequencer), ":now", s(now.toString())));
  }

  public void markPending(String key, String sequencer) {
    Map<String, AttributeValue> item = new HashMap<>(TableKeys.pending(key).toMap());
    item.put("seq", s(sequencer));
    table.client().putItem(b -> b.tableName(table.name()).item(item));
  }

  public List<String> pendingKeys(int limit) {
    return table
        .query(
            q ->
                q.keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", s(TableKeys.PENDING)))
                    .consistentRead(true),
            limit)
        .stream()
        .map(item -> item.get("sk").s())
        .toList();
  }

  /** Removes a pending marker that has no manifest behind it. */
  public void dropPending(String key) {
    table.client().deleteItem(b -> b.tableName(table.name()).key(TableKeys.pending(key).toMap()));
  }

  /** Removes the pending marker if it is still for the given sequencer. */
  public void clearPending(String key, String sequencer) {
    try {
      table
          .client()
          .deleteItem(
              b ->
                  b.tableName(table.name())
                      .key(TableKeys.pending(key).toMap())
                      .conditionExpression("#seq = :seq")
                      .expressionAttributeNames(Map.of("#seq", "seq"))
                      .expressionAttributeValues(Map.of(":seq", s(sequencer))));
    } catch (ConditionalCheckFailedException newerEvent) {
      // A newer event re-marked the file; it stays pending for that event.
    }
  }

  /**
   * The article ordinal allocated for the manifest's current sequencer: the stored one if a
   * previous attempt allocated it, else the candidate. An allocation left by an attempt for an
   * older sequencer is kept in {@code staleOrds} so that whatever it wrote is cleaned up.
   */
  public long claimArticleOrd(SourceManifest m, long candidate) {
    Map<String, String> names =
        new HashMap<>(Map.of("#allocSeq", "allocSeq", "#allocOrd", "allocOrd"));
    Map<String, AttributeValue> values =
        new HashMap<>(Map.of(":seq", s(m.sequencer()), ":ord", n(candidate)));
    String update = "SET #allocSeq = :seq, #allocOrd = :ord";
    if (m.allocatedFor().isPresent()
        && m.allocatedOrd() > 0
        && m.allocatedOrd() != m.articleOrd()) {
      update += " ADD #stale :old";
      names.put("#stale", "staleOrds");
      values.put(":old", AttributeValue.builder().ns(Long.toString(m.allocatedOrd())).build());
    }
    boolean claimed =
        conditionalUpdate(
            m.key(), update, "attribute_not_exists(#allocSeq) OR #allocSeq <> :seq", names, values);
    if (claimed) {
      return candidate;
    }
    return manifest(m.key()).map(SourceManifest::allocatedOrd).orElse(candidate);
  }

  /** Records, before any index write, which headlines this file's change touches. */
  public void recordIntent(String key, Set<String> headlineIds) {
    if (headlineIds.isEmpty()) {
      return;
    }
    table
        .client()
        .updateItem(
            b ->
                b.tableName(table.name())
                    .key(TableKeys.source(key).toMap())
                    .updateExpression("ADD #intent :ids")
                    .expressionAttributeNames(Map.of("#intent", "intentHeadlines"))
                    .expressionAttributeValues(Map.of(":ids", Attributes.stringSet(headlineIds))));
  }

  /** What of a file the index holds after a compaction. */
  public record IndexedState(long articleOrd, String articleHash, Set<String> headlineIds) {}

  /**
   * Records what the index now holds for the file. If no newer event arrived meanwhile, the file is
   * also marked processed with its final status and is no longer pending.
   */
  public void recordIndexed(
      String key,
      String processedSeq,
      IndexedState state,
      SourceStatus finalStatus,
      Optional<String> reason,
      Instant now) {
    Map<String, String> names =
        new HashMap<>(
            Map.of(
                "#articleOrd",
                "articleOrd",
                "#articleHash",
                "articleHash",
                "#headlineIds",
                "headlineIds",
                "#headlines",
                "headlines",
                "#articles",
                "articles",
                "#allocSeq",
                "allocSeq",
                "#allocOrd",
                "allocOrd",
                "#intent",
                "intentHeadlines",
                "#stale",
                "staleOrds"));
    Map<String, AttributeValue> values =
        new HashMap<>(
            Map.of(
                ":articleOrd",
                n(state.articleOrd()),
                ":articleHash",
                s(state.articleHash()),
                ":headlines",
                n(state.headlineIds().size()),
                ":articles",
                n(state.articleOrd() > 0 ? 1 : 0)));
    String set =
        "SET #articleOrd = :articleOrd, #articleHash = :articleHash, #headlines = :headlines,"
            + " #articles = :articles";
    String remove = " REMOVE #allocSeq, #allocOrd, #intent, #stale";
    if (state.headlineIds().isEmpty()) {
      remove += ", #headlineIds";
    } else {
      set += ", #headlineIds = :headlineIds";
      values.put(":headlineIds", Attributes.stringSet(state.headlineIds()));
    }
    Map<String, String> finishedNames = new HashMap<>(names);
    finishedNames.putAll(
        Map.of("#pendingSeq", "pendingSeq", "#status", "status", "#processedAt", "processedAt"));
    Map<String, AttributeValue> finishedValues = new HashMap<>(values);
    finishedValues.putAll(
        Map.of(
            ":p", s(processedSeq), ":now", s(now.toString()), ":status", s(finalStatus.label())));
    String finishedSet = set + ", #processedAt = :now, #status = :status";
    if (reason.isPresent()) {
      finishedNames.put("#reason", "reason");
      finishedValues.put(":reason", s(reason.get()));
      finishedSet += ", #reason = :reason";
    }
    boolean finished =
        conditionalUpdate(
            key,
            finishedSet + remove + ", #pendingSeq",
            "#pendingSeq = :p",
            finishedNames,
            finishedValues);
    if (!finished) {
      String expression = set + remove;
      table
          .client()
          .updateItem(
              b ->
                  b.tableName(table.name())
                      .key(TableKeys.source(key).toMap())
                      .updateExpression(expression)
                      .expressionAttributeNames(names)
                      .expressionAttributeValues(values));
    }
  }

  /** Allocates {@code count} consecutive numbers from a named counter; returns the first. */
  public long allocate(String counter, int count) {
    Map<String, AttributeValue> after =
        table
            .client()
            .updateItem(
                b ->
                    b.tableName(table.name())
                        .key(TableKeys.counter(counter).toMap())
                        .updateExpression("ADD #v :n")
                        .expressionAttributeNames(Map.of("#v", "value"))
                        .expressionAttributeValues(Map.of(":n", n(count)))
                        .returnValues(ReturnValue.UPDATED_NEW))
            .attributes();
    return Long.parseLong(after.get("value").n()) - count + 1;
  }

  private boolean conditionalUpdate(
      String key,
      String update,
      String condition,
      Map<String, String> names,
      Map<String, AttributeValue> values) {
    try {
      table
          .client()
          .updateItem(
              b ->
                  b.tableName(table.name())
                      .key(TableKeys.source(key).toMap())
                      .updateExpression(update)
                      .conditionExpression(condition)
                      .expressionAttributeNames(names)
                      .expressionAttributeValues(values));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  private static void set(
      List<String> sets,
      Map<String, String> names,
      Map<String, AttributeValue> values,
      String attribute,
      AttributeValue value) {
    names.put("#" + attribute, attribute);
    values.put(":" + attribute, value);
    sets.add("#" + attribute + " = :" + attribute);
  }

  private static Set<Long> numberSet(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null || !v.hasNs()
        ? Set.of()
        : v.ns().stream().map(Long::parseLong).collect(java.util.stream.Collectors.toSet());
  }

  static SourceManifest decode(Map<String, AttributeValue> item) {
    AttributeValue removed = item.get("removed");
    return new SourceManifest(
        item.get("sk").s(),
        Attributes.string(item, "seq").orElse(""),
        removed != null && Boolean.TRUE.equals(removed.bool()),
        Attributes.string(item, "etag").orElse(""),
        Attributes.number(item, "size", 0),
        Attributes.string(item, "status").map(SourceStatus::parse).orElse(SourceStatus.PENDING),
        Attributes.string(item, "reason"),
        Attributes.stringList(item, "warnings"),
        Attributes.string(item, "receivedAt").map(Instant::parse).orElse(Instant.EPOCH),
        Attributes.string(item, "processedAt").map(Instant::parse),
        Attributes.string(item, "pendingSeq"),
        (int) Attributes.number(item, "fileOrd", 0),
        Attributes.number(item, "articleOrd", 0),
        Attributes.string(item, "articleHash").orElse(""),
        Attributes.stringSet(item, "headlineIds"),
        Attributes.string(item, "allocSeq"),
        Attributes.number(item, "allocOrd", 0),
        numberSet(item, "staleOrds"),
        Attributes.stringSet(item, "intentHeadlines"));
  }
}
