package org.newsindex.local.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.newsindex.local.dynamodb.LocalDynamoDb.BINARY_TABLE;
import static org.newsindex.local.dynamodb.LocalDynamoDb.INDEXED_TABLE;
import static org.newsindex.local.dynamodb.LocalDynamoDb.TABLE;
import static org.newsindex.local.dynamodb.LocalDynamoDb.assertRefused;
import static org.newsindex.local.dynamodb.LocalDynamoDb.b;
import static org.newsindex.local.dynamodb.LocalDynamoDb.key;
import static org.newsindex.local.dynamodb.LocalDynamoDb.s;
import static org.newsindex.local.dynamodb.LocalDynamoDb.utf8OfBytes;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The local DynamoDB counts key values in UTF-8 bytes (raw bytes for binaries), as DynamoDB does:
 * partition keys 1..2,048 bytes, sort keys 1..1,024 bytes, wherever a key appears.
 */
class KeySizeLimitTest {
  private static final String SORT_KEY_TOO_LONG =
      "One or more parameter values were invalid: Aggregated size of all range keys has exceeded"
          + " the size limit of 1024 bytes";
  private static final String PARTITION_KEY_TOO_LONG =
      "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size"
          + " limit of2048 bytes";

  private static LocalDynamoDb local;
  private static DynamoDbClient dynamo;

  @BeforeAll
  static void start() {
    local = LocalDynamoDb.start();
    dynamo = local.client();
  }

  @AfterAll
  static void stop() {
    local.close();
  }

  @Test
  void sortKeyOfExactlyOneKilobyteInUtf8IsAccepted() {
    String sortKey = utf8OfBytes(1024); // 512 characters
    assertEquals(512, sortKey.length());

    dynamo.putItem(r -> r.tableName(TABLE).item(key("sk-at-limit", sortKey)));

    assertEquals(
        sortKey,
        dynamo
            .getItem(r -> r.tableName(TABLE).key(key("sk-at-limit", sortKey)))
            .item()
            .get("sk")
            .s());
  }

  @Test
  void sortKeyOverOneKilobyteInUtf8IsRefusedAsDynamoDbRefusesIt() {
    String sortKey =
        utf8OfBytes(1025); // 513 characters: dynalite alone counted 513 and let it pass

    assertRefused(
        SORT_KEY_TOO_LONG,
        () -> dynamo.putItem(r -> r.tableName(TABLE).item(key("sk-over", sortKey))));
    assertRefused(
        SORT_KEY_TOO_LONG,
        () -> dynamo.getItem(r -> r.tableName(TABLE).key(key("sk-over", sortKey))));
    assertRefused(
        SORT_KEY_TOO_LONG,
        () -> dynamo.deleteItem(r -> r.tableName(TABLE).key(key("sk-over", sortKey))));
    assertRefused(
        SORT_KEY_TOO_LONG,
        () ->
            dynamo.updateItem(
                r ->
                    r.tableName(TABLE)
                        .key(key("sk-over", sortKey))
                        .updateExpression("SET v = :v")
                        .expressionAttributeValues(Map.of(":v", s("x")))));
  }

  @Test
  void partitionKeyOfExactlyTwoKilobytesInUtf8IsAcceptedAndOneByteMoreIsRefused() {
    String atLimit = utf8OfBytes(2048);
    String over = utf8OfBytes(2049);

    dynamo.putItem(r -> r.tableName(TABLE).item(key(atLimit, "s")));

    assertEquals(
        atLimit,
        dynamo.getItem(r -> r.tableName(TABLE).key(key(atLimit, "s"))).item().get("pk").s());
    assertRefused(
        PARTITION_KEY_TOO_LONG, () -> dynamo.putItem(r -> r.tableName(TABLE).item(key(over, "s"))));
    assertRefused(
        PARTITION_KEY_TOO_LONG, () -> dynamo.getItem(r -> r.tableName(TABLE).key(key(over, "s"))));
  }

  @Test
  void binaryKeysAreCountedInRawBytesNotInBase64() {
    byte[] sortKey = new byte[1024]; // 1,368 characters of base64 on the wire
    Arrays.fill(sortKey, (byte) 0xE9);
    Map<String, AttributeValue> atLimit = Map.of("pk", b(new byte[2048]), "sk", b(sortKey));

    dynamo.putItem(r -> r.tableName(BINARY_TABLE).item(atLimit));

    assertEquals(2, dynamo.getItem(r -> r.tableName(BINARY_TABLE).key(atLimit)).item().size());
    assertRefused(
        SORT_KEY_TOO_LONG,
        () ->
            dynamo.putItem(
                r ->
                    r.tableName(BINARY_TABLE)
                        .item(Map.of("pk", b(new byte[1]), "sk", b(new byte[1025])))));
    assertRefused(
        PARTITION_KEY_TOO_LONG,
        () ->
            dynamo.putItem(
                r ->
                    r.tableName(BINARY_TABLE)
                        .item(Map.of("pk", b(new byte[2049]), "sk", b(new byte[1])))));
  }

  @Test
  void batchWritesAndBatchGetsRefuseOversizedKeys() {
    String over = utf8OfBytes(1025);

    assertRefused(
        SORT_KEY_TOO_LONG,
        () ->
            dynamo.batchWriteItem(
                r ->
                    r.requestItems(
                        Map.of(
                            TABLE,
                            List.of(
                                WriteRequest.builder()
                                    .putRequest(p -> p.item(key("bw", over)))
                                    .build())))));
    assertRefused(
        SORT_KEY_TOO_LONG,
        () ->
            dynamo.batchWriteItem(
                r ->
                    r.requestItems(
                        Map.of(
                            TABLE,
                            List.of(
                                WriteRequest.builder()
                                    .deleteRequest(d -> d.key(key("bw", over)))
                                    .build())))));
    assertRefused(
        SORT_KEY_TOO_LONG,
        () ->
            dynamo.batchGetItem(
                r ->
                    r.requestItems(
                        Map.of(TABLE, KeysAndAttributes.builder().keys(key("bg", over)).build()))));
  }

  @Test
  void queryKeyConditionValuesLongerThanAKeyAreRefused() {
    String sortPrefixOver = utf8OfBytes(1025);
    String partitionOver = utf8OfBytes(2049);
    String sortPrefixAtLimit = utf8OfBytes(1024);

    assertRefused(
        SORT_KEY_TOO_LONG,
        () ->
            dynamo.query(
                r ->
                    r.tableName(TABLE)
                        .keyConditionExpression("pk = :p AND begins_with(sk, :s)")
                        .expressionAttributeValues(Map.of(":p", s("q"), ":s", s(sortPrefixOver)))));
    assertRefused(
        PARTITION_KEY_TOO_LONG,
        () ->
            dynamo.query(
                r ->
                    r.tableName(TABLE)
                        .keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", s(partitionOver)))));
    assertEquals(
        0,
        dynamo
            .query(
                r ->
                    r.tableName(TABLE)
                        .keyConditionExpression("pk = :p AND sk >= :s")
                        .expressionAttributeValues(
                            Map.of(":p", s("q"), ":s", s(sortPrefixAtLimit))))
            .count());
  }

  @Test
  void exclusiveStartKeysLongerThanAKeyAreRefused() {
    String over = utf8OfBytes(1025);

    assertRefused(
        SORT_KEY_TOO_LONG,
        () ->
            dynamo.query(
                r ->
                    r.tableName(TABLE)
                        .keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", s("q")))
                        .exclusiveStartKey(key("q", over))));
    // A scan names the starting key in its message, as DynamoDB's (and dynalite's) scan does.
    assertRefused(
        "The provided starting key is invalid: " + SORT_KEY_TOO_LONG,
        () -> dynamo.scan(r -> r.tableName(TABLE).exclusiveStartKey(key("q", over))));
  }

  @Test
  void secondaryIndexKeysAreCountedInUtf8Bytes() {
    dynamo.putItem(
        r -> r.tableName(INDEXED_TABLE).item(Map.of("pk", s("i"), "g", s(utf8OfBytes(2048)))));

    assertRefused(
        "One or more parameter values were invalid: Size limit exceeded for Index Key g Actual"
            + " Size: 2050 bytes Max Size: 2048 bytes IndexName: by-g",
        () ->
            dynamo.putItem(
                r ->
                    r.tableName(INDEXED_TABLE)
                        .item(Map.of("pk", s("i"), "g", s(utf8OfBytes(2050))))));
  }
}
