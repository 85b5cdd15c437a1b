package org.newsindex.index;

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
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
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
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The index's one DynamoDB table: batched reads and writes that retry throttling and unprocessed
 * items with backoff and jitter until they succeed or the deadline comes, and a meter of what reads
 * cost. Batches run in parallel.
 */
public final class IndexTable {
  private static final int WRITE_BATCH = 25;
  private static final int READ_BATCH = 100;
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

  public DynamoDbClient client() {
    return client;
  }

  public String name() {
    return name;
  }

  public ReadMeter meter() {
    return meter;
  }

  public Optional<Map<String, AttributeValue>> get(ItemKey key, boolean consistent) {
    GetItemResponse response =
        client.getItem(
            b ->
                b.tableName(name)
                    .key(key.toMap())
                    .consistentRead(consistent)
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
    meter.record(response.hasItem() ? 1 : 0, capacity(response.consumedCapacity()));
    return response.hasItem() && !response.item().isEmpty()
        ? Optional.of(response.item())
        : Optional.empty();
  }

  /** Reads many items; the result holds those that exist, by key. */
  public Map<ItemKey, Map<String, AttributeValue>> getAll(
      Collection<ItemKey> keys, boolean consistent, Deadline deadline) {
    List<ItemKey> unique = new ArrayList<>(new LinkedHashSet<>(keys));
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
      BatchGetItemResponse response;
      try {
        response =
            client.batchGetItem(
                b ->
                    b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                        .requestItems(
                            Map.of(
                                name,
                                KeysAndAttributes.builder()
                                    .keys(request)
                                    .consistentRead(consistent)
                                    .build())));
      } catch (RuntimeException e) {
        retryOrThrow(e, ++attempt, deadline, "reading " + request.size() + " items");
        continue;
      }
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
  public List<Map<String, AttributeValue>> query(Consumer<QueryRequest.Builder> spec, int limit) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> exclusiveStart = start;
      QueryRequest.Builder builder =
          QueryRequest.builder()
              .tableName(name)
              .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
      spec.accept(builder);
      builder.limit(Math.min(1000, limit - items.size()));
      if (exclusiveStart != null) {
        builder.exclusiveStartKey(exclusiveStart);
      }
      QueryResponse response = client.query(builder.build());
      meter.record(response.count(), capacity(response.consumedCapacity()));
      items.addAll(response.items());
      start =
          response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
              ? response.lastEvaluatedKey()
              : null;
    } while (start != null && items.size() < limit);
    return items;
  }

  /**
   * Runs one request per input on the table's I/O threads and returns the results in input order.
   */
  public <T, R> List<R> inParallel(List<T> inputs, java.util.function.Function<T, R> request) {
    List<CompletableFuture<R>> futures = new ArrayList<>(inputs.size());
    for (T input : inputs) {
      futures.add(CompletableFuture.supplyAsync(() -> request.apply(input), POOL));
    }
    return join(futures);
  }

  public static WriteRequest put(Map<String, AttributeValue> item) {
    return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
  }

  public static WriteRequest delete(ItemKey key) {
    return WriteRequest.builder()
        .deleteRequest(DeleteRequest.builder().key(key.toMap()).build())
        .build();
  }

  /**
   * Writes every request, 25 to a batch and batches in parallel, retrying unprocessed items and
   * throttling until done; throws {@link IndexWriteException} if the deadline comes first. A later
   * request for the same key replaces an earlier one.
   */
  public void write(List<WriteRequest> requests, Deadline deadline) {
    Map<ItemKey, WriteRequest> byKey = new LinkedHashMap<>();
    for (WriteRequest request : requests) {
      ItemKey key =
          request.putRequest() != null
              ? ItemKey.of(request.putRequest().item())
              : ItemKey.of(request.deleteRequest().key());
      byKey.remove(key);
      byKey.put(key, request);
    }
    List<WriteRequest> unique = new ArrayList<>(byKey.values());
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    for (int i = 0; i < unique.size(); i += WRITE_BATCH) {
      List<WriteRequest> slice = unique.subList(i, Math.min(unique.size(), i + WRITE_BATCH));
      futures.add(CompletableFuture.runAsync(() -> writeBatch(slice, deadline), POOL));
    }
    join(futures);
  }

  private void writeBatch(List<WriteRequest> batch, Deadline deadline) {
    List<WriteRequest> remaining = batch;
    int attempt = 0;
    while (!remaining.isEmpty()) {
      List<WriteRequest> request = remaining;
      BatchWriteItemResponse response;
      try {
        response = client.batchWriteItem(b -> b.requestItems(Map.of(name, request)));
      } catch (RuntimeException e) {
        retryOrThrow(e, ++attempt, deadline, "writing " + request.size() + " items");
        continue;
      }
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

  private void retryOrThrow(RuntimeException e, int attempt, Deadline deadline, String what) {
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
    backoff.pause(attempt, deadline);
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
