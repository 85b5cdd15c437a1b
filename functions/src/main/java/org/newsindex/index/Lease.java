package org.newsindex.index;

import static org.newsindex.index.Attributes.n;
import static org.newsindex.index.Attributes.s;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * A named lease in the table that at most one invocation holds at a time: the compactor's, so that
 * posting lists, directories and shared headlines have a single writer. A lease that is not
 * released (the holder crashed) lapses at its expiry; the expiry never exceeds the holder's own
 * deadline.
 */
public final class Lease {
  private final IndexTable table;
  private final String name;
  private final String owner;
  private final Clock clock;

  public Lease(IndexTable table, String name, String owner, Clock clock) {
    this.table = table;
    this.name = name;
    this.owner = owner;
    this.clock = clock;
  }

  public boolean tryAcquire(Duration ttl) {
    long now = clock.millis();
    Map<String, AttributeValue> item = new HashMap<>(TableKeys.lease(name).toMap());
    item.put("owner", s(owner));
    item.put("until", n(now + ttl.toMillis()));
    try {
      table
          .client()
          .putItem(
              b ->
                  b.tableName(table.name())
                      .item(item)
                      .conditionExpression(
                          "attribute_not_exists(pk) OR #until < :now OR #owner = :me")
                      .expressionAttributeNames(Map.of("#until", "until", "#owner", "owner"))
                      .expressionAttributeValues(Map.of(":now", n(now), ":me", s(owner))));
      return true;
    } catch (ConditionalCheckFailedException held) {
      return false;
    }
  }

  /** Extends the lease; false if it was lost (it lapsed and another invocation took it). */
  public boolean renew(Duration ttl) {
    try {
      table
          .client()
          .updateItem(
              b ->
                  b.tableName(table.name())
                      .key(TableKeys.lease(name).toMap())
                      .updateExpression("SET #until = :until")
                      .conditionExpression("#owner = :me")
                      .expressionAttributeNames(Map.of("#until", "until", "#owner", "owner"))
                      .expressionAttributeValues(
                          Map.of(":until", n(clock.millis() + ttl.toMillis()), ":me", s(owner))));
      return true;
    } catch (ConditionalCheckFailedException lost) {
      return false;
    }
  }

  public void release() {
    try {
      table
          .client()
          .deleteItem(
              b ->
                  b.tableName(table.name())
                      .key(TableKeys.lease(name).toMap())
                      .conditionExpression("#owner = :me")
                      .expressionAttributeNames(Map.of("#owner", "owner"))
                      .expressionAttributeValues(Map.of(":me", s(owner))));
    } catch (ConditionalCheckFailedException alreadyLost) {
      // The lease lapsed and another holder has it; nothing of ours to release.
    }
  }
}
