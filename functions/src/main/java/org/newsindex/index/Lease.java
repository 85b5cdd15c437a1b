package org.newsindex.index;

import static org.newsindex.index.Attributes.n;
import static org.newsindex.index.Attributes.s;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The right to write the index, held by at most one writer at a time. Each acquisition draws a new
 * fencing token (the lease's epoch, which only grows); renewing and releasing succeed only for the
 * holder of the current token, and the writer renews before every phase of its writes, so a writer
 * that lost the lease finds out before it writes again. A lease not released (its holder crashed)
 * lapses at its expiry, which is set past the holder's own deadline: a Lambda holder is stopped by
 * its timeout before its lease can pass to another.
 */
public final class Lease {
  private final IndexTable table;
  private final String name;
  private final String owner;
  private final Clock clock;
  private long epoch;
  private Instant until = Instant.EPOCH;

  public Lease(IndexTable table, String name, String owner, Clock clock) {
    this.table = table;
    this.name = name;
    this.owner = owner;
    this.clock = clock;
  }

  /** Takes the lease for {@code ttl} if it is free or lapsed; false if another holds it. */
  public boolean tryAcquire(Duration ttl) {
    long now = clock.millis();
    long expiry = now + ttl.toMillis();
    Optional<Long> drawn =
        table
            .update(
                TableKeys.lease(name),
                b ->
                    b.updateExpression("SET #owner = :me, #until = :until ADD #epoch :one")
                        .conditionExpression("attribute_not_exists(pk) OR #until < :now")
                        .expressionAttributeNames(
                            Map.of("#owner", "owner", "#until", "until", "#epoch", "epoch"))
                        .expressionAttributeValues(
                            Map.of(
                                ":me", s(owner), ":until", n(expiry), ":now", n(now), ":one", n(1)))
                        .returnValues(ReturnValue.UPDATED_NEW),
                Deadline.after(Duration.ofSeconds(10)))
            .map(attributes -> Long.parseLong(attributes.get("epoch").n()));
    drawn.ifPresent(
        e -> {
          epoch = e;
          until = Instant.ofEpochMilli(expiry);
        });
    return drawn.isPresent();
  }

  /** Extends the lease to {@code ttl} from now; false if it was lost to another writer. */
  public boolean renew(Duration ttl) {
    long expiry = clock.millis() + ttl.toMillis();
    boolean renewed =
        table.updateIf(
            TableKeys.lease(name),
            b ->
                b.updateExpression("SET #until = :until")
                    .conditionExpression("#owner = :me AND #epoch = :epoch")
                    .expressionAttributeNames(
                        Map.of("#until", "until", "#owner", "owner", "#epoch", "epoch"))
                    .expressionAttributeValues(
                        Map.of(":until", n(expiry), ":me", s(owner), ":epoch", n(epoch))),
            Deadline.after(Duration.ofSeconds(10)));
    if (renewed) {
      until = Instant.ofEpochMilli(expiry);
    }
    return renewed;
  }

  /** Gives the lease up (its epoch stays, so the next holder draws a greater one). */
  public void release() {
    table.updateIf(
        TableKeys.lease(name),
        b ->
            b.updateExpression("SET #until = :zero")
                .conditionExpression("#owner = :me AND #epoch = :epoch")
                .expressionAttributeNames(
                    Map.of("#until", "until", "#owner", "owner", "#epoch", "epoch"))
                .expressionAttributeValues(
                    Map.of(":zero", n(0), ":me", s(owner), ":epoch", n(epoch))),
        Deadline.after(Duration.ofSeconds(10)));
  }

  /** The fencing token of the current hold; every item the holder writes carries it. */
  public long epoch() {
    return epoch;
  }

  /** When the current hold lapses unless renewed. */
  public Instant until() {
    return until;
  }

  public String owner() {
    return owner;
  }
}
