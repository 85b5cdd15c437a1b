package org.newsindex.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/** Scratch tables for the baselines: created with the index's key schema, filled raw, deleted. */
final class Tables {
  private Tables() {}

  static void create(DynamoDbClient client, String name) {
    create(client, name, "pk", "sk");
  }

  static void create(DynamoDbClient client, String name, String hashKey, String rangeKey) {
    List<AttributeDefinition> attributes = new ArrayList<>();
    List<KeySchemaElement> keys = new ArrayList<>();
    attributes.add(
        AttributeDefinition.builder()
            .attributeName(hashKey)
            .attributeType(ScalarAttributeType.S)
            .build());
    keys.add(KeySchemaElement.builder().attributeName(hashKey).keyType(KeyType.HASH).build());
    if (rangeKey != null) {
      attributes.add(
          AttributeDefinition.builder()
              .attributeName(rangeKey)
              .attributeType(ScalarAttributeType.S)
              .build());
      keys.add(KeySchemaElement.builder().attributeName(rangeKey).keyType(KeyType.RANGE).build());
    }
    client.createTable(
        b ->
            b.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attributes)
                .keySchema(keys));
    try (DynamoDbWaiter waiter =
        DynamoDbWaiter.builder()
            .client(client)
            .overrideConfiguration(
                w -> w.backoffStrategyV2(BackoffStrategy.fixedDelay(Duration.ofMillis(50))))
            .build()) {
      waiter.waitUntilTableExists(b -> b.tableName(name));
    }
  }

  static void delete(DynamoDbClient client, String name) {
    client.deleteTable(b -> b.tableName(name));
  }

  /**
   * BatchWriteItem of every item, 25 a request, {@code threads} requests at a time, unprocessed
   * items retried.
   */
  static void writeAll(
      DynamoDbClient client, String table, List<Map<String, AttributeValue>> items, int threads)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> batches = new ArrayList<>();
    for (int i = 0; i < items.size(); i += 25) {
      List<WriteRequest> batch =
          items.subList(i, Math.min(items.size(), i + 25)).stream()
              .map(
                  item ->
                      WriteRequest.builder()
                          .putRequest(PutRequest.builder().item(item).build())
                          .build())
              .toList();
      batches.add(
          pool.submit(
              () -> {
                List<WriteRequest> remaining = batch;
                while (!remaining.isEmpty()) {
                  List<WriteRequest> send = remaining;
                  remaining =
                      client
                          .batchWriteItem(b -> b.requestItems(Map.of(table, send)))
                          .unprocessedItems()
                          .getOrDefault(table, List.of());
                }
                return null;
              }));
    }
    for (Future<?> f : batches) {
      f.get();
    }
    pool.shutdown();
  }
}
