package org.newsindex.index;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The index's one DynamoDB table. Every request of the index goes through here: reads and writes
 * retry throttling and unprocessed items with backoff and jitter until they succeed or the deadline
 * comes, every item is checked against DynamoDB's limits before it is sent, no request is sent
 * after its deadline nor left in flight past it (each carries the time left as its timeout, and its
 * deadline for {@link WriteFence} to check at the wire), and reads are metered. Batches run in
 * parallel. The SDK's types stay inside this package.
 */
public final class IndexTable {
  private static final int WRITE_BATCH = 25;
  private static final int READ_BATCH = 100;
  private static final Duration LONGEST_REQUEST = Duration.ofSeconds(10);
  private static final ExecutorService POOL =
      Executors.newFixedThreadPool(
          8,
          r -> {
            Thread t = new Thread(r, "index-io");
            t.setDaemon(true);
            return t;
          });

  private final DynamoDbClient client;
  private final String name;
  private final ReadMeter meter;
  private final Backoff backoff;

  public IndexTable(DynamoDbClient client, String name, ReadMeter meter, Backoff backoff) {
    this.client = client;
    this.name = name;
    this.meter = meter;
    this.backoff = backoff;
  }

  public IndexTable(DynamoDbClient client, String name) {
    this(client, name, new ReadMeter(), Backoff.DEFAULT);
  }

  /** The same table with a fresh read meter, for one request's accounting. */
  public IndexTable metered(ReadMeter fresh) {
    return new IndexTable(client, name, fresh, backoff);
  }

  public String name() {
    return name;
  }

  public ReadMeter meter() {
    return meter;
  }

  Optional<Map<String, AttributeValue>> get(ItemKey key, boolean consistent) {
    return get(key, consistent, Deadline.after(LONGEST_REQUEST));
  }

  Optional<Map<String, AttributeValue>> get(ItemKey key, boolean consistent, Deadline deadline) {
    ItemLimitException.check(key, null, 0);
    GetItemResponse response =
        retrying(
            deadline,
            "reading an item",
            () ->
                client.getItem(
                    b ->
                        b.tableName(name)
                            .key(key.toMap())
                            .consistentRead(consistent)
                            .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                            .overrideConfiguration(timeout(deadline))));
    meter.record(response.hasItem() ? 1 : 0, capacity(response.consumedCapacity()));
    return response.hasItem() && !response.item().isEmpty()
        ? Optional.of(response.item())
        : Optional.empty();
  }

  /** Reads many items; the result holds those that exist, by key. */
  Map<ItemKey, Map<String, AttributeValue>> getAll(
      Collection<ItemKey> keys, boolean consistent, Deadline deadline) {
    List<ItemKey> unique = new ArrayList<>(new LinkedHashSet<>(keys));
    unique.forEach(k -> ItemLimitException.check(k, null, 0));
    List<CompletableFuture<Map<ItemKey, Map<String, AttributeValue>>>> futures = new ArrayList<>();
    for (int i = 0; i < unique.size(); i += READ_BATCH) {
      List<ItemKey> slice = unique.subList(i, Math.min(unique.size(), i + READ_BATCH));
      futures.add(
          CompletableFuture.supplyAsync(() -> readBatch(slice, consistent, deadline), POOL));
    }
    Map<ItemKey, Map<String, AttributeValue>> found = new HashMap<>();
    join(futures).forEach(found::putAll);
    return found;
  }

  private Map<ItemKey, Map<String, AttributeValue>> readBatch(
      List<ItemKey> keys, boolean consistent, Deadline deadline) {
    Map<ItemKey, Map<String, AttributeValue>> found = new HashMap<>();
    List<Map<String, AttributeValue>> remaining = keys.stream().map(ItemKey::toMap).toList();
    int attempt = 0;
    while (!remaining.isEmpty()) {
      List<Map<String, AttributeValue>> request = remaining;
      BatchGetItemResponse response =
          retrying(
              deadline,
              "reading " + request.size() + " items",
              () ->
                  client.batchGetItem(
                      b ->
                          b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                              .overrideConfiguration(timeout(deadline))
                              .requestItems(
                                  Map.of(
                                      name,
                                      KeysAndAttributes.builder()
                                          .keys(request)
                                          .consistentRead(consistent)
                                          .build()))));
      List<Map<String, AttributeValue>> items = response.responses().getOrDefault(name, List.of());
      meter.record(
          items.size(),
          response.hasConsumedCapacity()
              ? response.consumedCapacity().stream()
                  .mapToDouble(c -> c.capacityUnits() == null ? 0 : c.capacityUnits())
                  .sum()
              : null);
      items.forEach(item -> found.put(ItemKey.of(item), item));
      KeysAndAttributes unprocessed = response.unprocessedKeys().get(name);
      remaining = unprocessed == null ? List.of() : unprocessed.keys();
      if (!remaining.isEmpty()) {
        if (deadline.passed()) {
          throw new IndexWriteException(
              "DynamoDB left " + remaining.size() + " keys unread before the deadline", null);
        }
        backoff.pause(++attempt, deadline);
      }
    }
    return found;
  }

  /** All items of a query, following pages until done or {@code limit} items are read. */
  List<Map<String, AttributeValue>> query(Consumer<QueryRequest.Builder> spec, int limit) {
    return query(spec, limit, Deadline.after(LONGEST_REQUEST.multipliedBy(3)));
  }

  List<Map<String, AttributeValue>> query(
      Consumer<QueryRequest.Builder> spec, int limit, Deadline deadline) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> exclusiveStart = start;
      QueryRequest.Builder builder =
          QueryRequest.builder()
              .tableName(name)
              .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
              .overrideConfiguration(timeout(deadline));
      spec.accept(builder);
      builder.limit(Math.min(1000, limit - items.size()));
      if (exclusiveStart != null) {
        builder.exclusiveStartKey(exclusiveStart);
      }
      QueryRequest request = builder.build();
      QueryResponse response = retrying(deadline, "querying", () -> client.query(request));
      meter.record(response.count(), capacity(response.consumedCapacity()));
      items.addAll(response.items());
      start =
          response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
              ? response.lastEvaluatedKey()
              : null;
    } while (start != null && items.size() < limit);
    return items;
  }

  /** Runs one request per input on the table's I/O threads and returns the results in order. */
  <T, R> List<R> inParallel(List<T> inputs, Function<T, R> request) {
    List<CompletableFuture<R>> futures = new ArrayList<>(inputs.size());
    for (T input : inputs) {
      futures.add(CompletableFuture.supplyAsync(() -> request.apply(input), POOL));
    }
    return join(futures);
  }

  /**
   * Writes every put and delete, 25 to a batch and batches in parallel, retrying unprocessed items
   * and throttling until done; throws {@link IndexWriteException} if the deadline comes first and
   * {@link ItemLimitException} (before anything is sent) if an item breaks DynamoDB's limits. A
   * later write to the same key replaces an earlier one.
   */
  void write(List<TableWrite> writes, Deadline deadline) {
    Map<ItemKey, TableWrite> byKey = new LinkedHashMap<>();
    for (TableWrite w : writes) {
      check(w);
      byKey.remove(w.key());
      byKey.put(w.key(), w);
    }
    List<WriteRequest> unique = byKey.values().stream().map(IndexTable::request).toList();
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    for (int i = 0; i < unique.size(); i += WRITE_BATCH) {
      List<WriteRequest> slice = unique.subList(i, Math.min(unique.size(), i + WRITE_BATCH));
      futures.add(CompletableFuture.runAsync(() -> writeBatch(slice, deadline), POOL));
    }
    join(futures);
  }

  /**
   * Checks a write against DynamoDB's limits; throws {@link ItemLimitException} if it breaks one.
   */
  static void check(TableWrite w) {
    if (w instanceof TableWrite.Put put) {
      ItemLimitException.check(w.key(), put.item(), ItemSize.of(put.item()));
    } else {
      ItemLimitException.check(w.key(), null, 0);
    }
  }

  private static WriteRequest request(TableWrite w) {
    return w instanceof TableWrite.Put put
        ? WriteRequest.builder().putRequest(PutRequest.builder().item(put.item()).build()).build()
        : WriteRequest.builder()
            .deleteRequest(DeleteRequest.builder().key(w.key().toMap()).build())
            .build();
  }

  private void writeBatch(List<WriteRequest> batch, Deadline deadline) {
    try {
      writeBatchOnce(batch, deadline);
    } catch (DynamoDbException e) {
      if (!isValidationError(e)) {
        throw e;
      }
      // DynamoDB refused the batch for something one item holds: find it, write the rest.
      if (batch.size() == 1) {
        WriteRequest w = batch.get(0);
        ItemKey key =
            w.putRequest() != null
                ? ItemKey.of(w.putRequest().item())
                : ItemKey.of(w.deleteRequest().key());
        throw new ItemLimitException(
            key,
            "DynamoDB refused the item: "
                + (e.awsErrorDetails() == null
                    ? e.getMessage()
                    : e.awsErrorDetails().errorMessage()));
      }
      writeBatch(batch.subList(0, batch.size() / 2), deadline);
      writeBatch(batch.subList(batch.size() / 2, batch.size()), deadline);
    }
  }

  private static boolean isValidationError(DynamoDbException e) {
    return e.statusCode() == 400
        && e.awsErrorDetails() != null
        && "ValidationException".equals(e.awsErrorDetails().errorCode());
  }

  private void writeBatchOnce(List<WriteRequest> batch, Deadline deadline) {
    List<WriteRequest> remaining = batch;
    int attempt = 0;
    while (!remaining.isEmpty()) {
      List<WriteRequest> request = remaining;
      BatchWriteItemResponse response =
          retrying(
              deadline,
              "writing " + request.size() + " items",
              () ->
                  client.batchWriteItem(
                      b ->
                          b.requestItems(Map.of(name, request))
                              .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                              .overrideConfiguration(timeout(deadline))));
      remaining = response.unprocessedItems().getOrDefault(name, List.of());
      if (!remaining.isEmpty()) {
        if (deadline.passed()) {
          throw new IndexWriteException(
              "DynamoDB left "
                  + remaining.size()
                  + " items unprocessed until the deadline; the invocation fails so that it is"
                  + " retried",
              null);
        }
        backoff.pause(++attempt, deadline);
      }
    }
  }

  /** Puts one item if the condition holds; false if it does not. */
  boolean putIf(
      Map<String, AttributeValue> item,
      String condition,
      Map<String, String> names,
      Map<String, AttributeValue> values,
      Deadline deadline) {
    check(TableWrite.put(item));
    return conditional(
        deadline,
        "writing an item",
        () ->
            client.putItem(
                b -> {
                  b.tableName(name)
                      .item(item)
                      .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                      .overrideConfiguration(timeout(deadline));
                  if (condition != null) {
                    b.conditionExpression(condition);
                    if (!names.isEmpty()) {
                      b.expressionAttributeNames(names);
                    }
                    if (!values.isEmpty()) {
                      b.expressionAttributeValues(values);
                    }
                  }
                }));
  }

  /** Updates one item (the builder names key, expressions and condition); false if it failed. */
  boolean updateIf(ItemKey key, Consumer<UpdateItemRequest.Builder> spec, Deadline deadline) {
    return update(key, spec, deadline).isPresent();
  }

  /**
   * Updates one item; the attributes the update asked for, or empty if its condition failed. The
   * item after the update is not checked against the size limit here: callers only update small
   * items (counters, the lease).
   */
  Optional<Map<String, AttributeValue>> update(
      ItemKey key, Consumer<UpdateItemRequest.Builder> spec, Deadline deadline) {
    ItemLimitException.check(key, null, 0);
    UpdateItemRequest.Builder builder =
        UpdateItemRequest.builder()
            .tableName(name)
            .key(key.toMap())
            .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
            .overrideConfiguration(timeout(deadline));
    spec.accept(builder);
    UpdateItemRequest request = builder.build();
    try {
      return Optional.of(
          retrying(deadline, "updating an item", () -> client.updateItem(request)).attributes());
    } catch (ConditionalCheckFailedException failed) {
      return Optional.empty();
    }
  }

  /** Deletes one item if the condition (null: none) holds; false if it does not. */
  boolean deleteIf(
      ItemKey key,
      String condition,
      Map<String, String> names,
      Map<String, AttributeValue> values,
      Deadline deadline) {
    ItemLimitException.check(key, null, 0);
    return conditional(
        deadline,
        "deleting an item",
        () ->
            client.deleteItem(
                b -> {
                  b.tableName(name)
                      .key(key.toMap())
                      .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                      .overrideConfiguration(timeout(deadline));
                  if (condition != null) {
                    b.conditionExpression(condition);
                    if (!names.isEmpty()) {
                      b.expressionAttributeNames(names);
                    }
                    if (!values.isEmpty()) {
                      b.expressionAttributeValues(values);
                    }
                  }
                }));
  }

  private boolean conditional(Deadline deadline, String what, Runnable request) {
    try {
      retrying(
          deadline,
          what,
          () -> {
            request.run();
            return null;
          });
      return true;
    } catch (ConditionalCheckFailedException failed) {
      return false;
    }
  }

  /**
   * Runs a request, retrying throttling and transient failures with backoff until the deadline.
   * Nothing is sent once the deadline has passed.
   */
  private <T> T retrying(Deadline deadline, String what, java.util.function.Supplier<T> request) {
    int attempt = 0;
    while (true) {
      if (deadline.passed()) {
        throw new IndexWriteException(
            "the deadline passed before " + what + "; the invocation fails so that it is retried",
            null);
      }
      try {
        return request.get();
      } catch (ConditionalCheckFailedException e) {
        throw e;
      } catch (RuntimeException e) {
        if (!isRetryable(e)) {
          throw e;
        }
        if (deadline.passed()) {
          throw new IndexWriteException(
              "DynamoDB kept failing ("
                  + e.getMessage()
                  + ") while "
                  + what
                  + " until the deadline; the invocation fails so that it is retried",
              e);
        }
        backoff.pause(++attempt, deadline);
      }
    }
  }

  /** The time a request may take: what is left before the deadline, at most ten seconds. */
  private static AwsRequestOverrideConfiguration timeout(Deadline deadline) {
    Duration left = deadline.remaining();
    Duration limit = left.compareTo(LONGEST_REQUEST) < 0 ? left : LONGEST_REQUEST;
    return AwsRequestOverrideConfiguration.builder()
        .apiCallTimeout(limit.isNegative() || limit.isZero() ? Duration.ofMillis(1) : limit)
        .putExecutionAttribute(WriteFence.NOT_AFTER, deadline.at())
        .build();
  }

  static boolean isRetryable(RuntimeException e) {
    if (e instanceof SdkClientException
        || e instanceof ProvisionedThroughputExceededException
        || e instanceof RequestLimitExceededException
        || e instanceof InternalServerErrorException) {
      return true;
    }
    if (e instanceof DynamoDbException d) {
      String code = d.awsErrorDetails() == null ? "" : d.awsErrorDetails().errorCode();
      return d.isThrottlingException()
          || d.statusCode() >= 500
          || "ProvisionedThroughputExceededException".equals(code)
          || "RequestLimitExceeded".equals(code)
          || "ThrottlingException".equals(code);
    }
    return false;
  }

  private static <T> List<T> join(List<CompletableFuture<T>> futures) {
    List<T> results = new ArrayList<>(futures.size());
    RuntimeException failure = null;
    for (CompletableFuture<T> future : futures) {
      try {
        results.add(future.join());
      } catch (CompletionException e) {
        if (failure == null) {
          failure = e.getCause() instanceof RuntimeException r ? r : e;
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    return results;
  }

  private static Double capacity(ConsumedCapacity consumed) {
    return consumed == null ? null : consumed.capacityUnits();
  }
}
