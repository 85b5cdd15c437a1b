package org.newsindex.local.dynamodb;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.newsindex.local.template.TableSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * Creates the template's tables in the local DynamoDB, leaving alone tables that already exist (a
 * data directory kept from an earlier run), and waits until all are ACTIVE.
 */
public final class TableProvisioner {
  private static final Logger LOG = LoggerFactory.getLogger(TableProvisioner.class);
  private static final TableSpec.Throughput DEFAULT_THROUGHPUT = new TableSpec.Throughput(5, 5);

  private final DynamoDbClient client;

  public TableProvisioner(DynamoDbClient client) {
    this.client = client;
  }

  /** Creates the missing tables; returns the names of those it created. */
  public List<String> createAll(List<TableSpec> tables) {
    List<String> created = new ArrayList<>();
    for (TableSpec table : tables) {
      if (exists(table.name())) {
        LOG.debug("table {} exists already", table.name());
        continue;
      }
      try {
        client.createTable(request(table));
        created.add(table.name());
      } catch (ResourceInUseException e) {
        LOG.debug("table {} was created meanwhile", table.name());
      }
    }
    WaiterOverrideConfiguration quickPolling =
        WaiterOverrideConfiguration.builder()
            .backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(Duration.ofMillis(25)))
            .maxAttempts(400)
            .build();
    try (DynamoDbWaiter waiter = DynamoDbWaiter.builder().client(client).build()) {
      for (TableSpec table : tables) {
        waiter
            .waitUntilTableExists(
                DescribeTableRequest.builder().tableName(table.name()).build(), quickPolling)
            .matched()
            .exception()
            .ifPresent(
                e -> {
                  throw new DynaliteException(
                      "table " + table.name() + " did not become ACTIVE", e);
                });
      }
    }
    return created;
  }

  private boolean exists(String name) {
    try {
      client.describeTable(r -> r.tableName(name));
      return true;
    } catch (ResourceNotFoundException e) {
      return false;
    }
  }

  static CreateTableRequest request(TableSpec table) {
    boolean provisioned = !table.billingMode().equals("PAY_PER_REQUEST");
    CreateTableRequest.Builder request =
        CreateTableRequest.builder()
            .tableName(table.name())
            .attributeDefinitions(
                table.attributes().stream()
                    .map(
                        a ->
                            AttributeDefinition.builder()
                                .attributeName(a.name())
                                .attributeType(a.type())
                                .build())
                    .toList())
            .keySchema(keys(table.keySchema()))
            .billingMode(provisioned ? BillingMode.PROVISIONED : BillingMode.PAY_PER_REQUEST);
    if (provisioned) {
      request.provisionedThroughput(throughput(table.throughput()));
    }
    if (!table.globalIndexes().isEmpty()) {
      request.globalSecondaryIndexes(
          table.globalIndexes().stream()
              .map(
                  index -> {
                    GlobalSecondaryIndex.Builder gsi =
                        GlobalSecondaryIndex.builder()
                            .indexName(index.name())
                            .keySchema(keys(index.keySchema()))
                            .projection(projection(index));
                    if (provisioned) {
                      gsi.provisionedThroughput(throughput(index.throughput()));
                    }
                    return gsi.build();
                  })
              .toList());
    }
    if (!table.localIndexes().isEmpty()) {
      request.localSecondaryIndexes(
          table.localIndexes().stream()
              .map(
                  index ->
                      LocalSecondaryIndex.builder()
                          .indexName(index.name())
                          .keySchema(keys(index.keySchema()))
                          .projection(projection(index))
                          .build())
              .toList());
    }
    return request.build();
  }

  private static List<KeySchemaElement> keys(List<TableSpec.Key> keys) {
    return keys.stream()
        .map(
            k ->
                KeySchemaElement.builder()
                    .attributeName(k.attributeName())
                    .keyType(k.keyType())
                    .build())
        .toList();
  }

  private static Projection projection(TableSpec.Index index) {
    Projection.Builder projection = Projection.builder().projectionType(index.projectionType());
    if (!index.nonKeyAttributes().isEmpty()) {
      projection.nonKeyAttributes(index.nonKeyAttributes());
    }
    return projection.build();
  }

  private static ProvisionedThroughput throughput(Optional<TableSpec.Throughput> throughput) {
    TableSpec.Throughput value = throughput.orElse(DEFAULT_THROUGHPUT);
    return ProvisionedThroughput.builder()
        .readCapacityUnits(value.readCapacityUnits())
        .writeCapacityUnits(value.writeCapacityUnits())
        .build();
  }
}
