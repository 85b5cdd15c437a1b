package org.newsindex.local.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.newsindex.local.dynamodb.LocalDynamoDb.OTHER_TABLE;
import static org.newsindex.local.dynamodb.LocalDynamoDb.TABLE;
import static org.newsindex.local.dynamodb.LocalDynamoDb.assertRefused;
import static org.newsindex.local.dynamodb.LocalDynamoDb.key;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The local DynamoDB limits batches as DynamoDB does: 25 write requests and 100 keys per call,
 * counted across all the tables of the call, and no key twice.
 */
class BatchLimitTest {
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

  private static List<WriteRequest> puts(String prefix, int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> WriteRequest.builder().putRequest(p -> p.item(key(prefix, "k" + i))).build())
        .toList();
  }

  private static KeysAndAttributes keys(String prefix, int count) {
    List<Map<String, AttributeValue>> keys =
        IntStream.range(0, count).mapToObj(i -> key(prefix, "k" + i)).toList();
    return KeysAndAttributes.builder().keys(keys).build();
  }

  @Test
  void batchWriteOfTwentyFiveRequestsIsAcceptedAndTwentySixIsRefused() {
    assertTrue(
        dynamo
            .batchWriteItem(r -> r.requestItems(Map.of(TABLE, puts("bw25", 25))))
            .unprocessedItems()
            .isEmpty());

    DynamoDbException e =
        assertThrows(
            DynamoDbException.class,
            () -> dynamo.batchWriteItem(r -> r.requestItems(Map.of(TABLE, puts("bw26", 26)))));

    assertEquals(400, e.statusCode());
    assertEquals("ValidationException", e.awsErrorDetails().errorCode());
    // DynamoDB echoes the requests (as Java objects) inside the message; the rest is fixed.
    assertTrue(
        Pattern.matches(
            "1 validation error detected: Value '\\{"
                + TABLE
                + "=\\[.+\\]\\}' at 'requestItems' failed to satisfy constraint: Map value must"
                + " satisfy constraint: \\[Member must have length less than or equal to 25,"
                + " Member must have length greater than or equal to 1\\]",
            e.awsErrorDetails().errorMessage()),
        e.awsErrorDetails().errorMessage());
  }

  @Test
  void batchWriteCountsItsRequestsAcrossTables() {
    dynamo.batchWriteItem(
        r -> r.requestItems(Map.of(TABLE, puts("across", 12), OTHER_TABLE, puts("across", 13))));

    assertRefused(
        "Too many items requested for the BatchWriteItem call",
        () ->
            dynamo.batchWriteItem(
                r ->
                    r.requestItems(
                        Map.of(TABLE, puts("across", 13), OTHER_TABLE, puts("across", 13)))));
  }

  @Test
  void batchWriteThatPutsAndDeletesTheSameKeyIsRefused() {
    assertRefused(
        "Provided list of item keys contains duplicates",
        () ->
            dynamo.batchWriteItem(
                r ->
                    r.requestItems(
                        Map.of(
                            TABLE,
                            List.of(
                                WriteRequest.builder()
                                    .putRequest(p -> p.item(key("dup", "same")))
                                    .build(),
                                WriteRequest.builder()
                                    .deleteRequest(d -> d.key(key("dup", "same")))
                                    .build())))));
  }

  @Test
  void batchGetOfAHundredKeysIsAcceptedAndAHundredAndOneIsRefused() {
    dynamo.batchWriteItem(r -> r.requestItems(Map.of(TABLE, puts("bg", 25))));

    assertEquals(
        25,
        dynamo
            .batchGetItem(r -> r.requestItems(Map.of(TABLE, keys("bg", 100))))
            .responses()
            .get(TABLE)
            .size());
    assertRefused(
        "1 validation error detected: Value at 'RequestItems."
            + TABLE
            + ".member.Keys' failed to satisfy constraint: Member must have length less than or"
            + " equal to 100",
        () -> dynamo.batchGetItem(r -> r.requestItems(Map.of(TABLE, keys("bg", 101)))));
  }

  @Test
  void batchGetCountsItsKeysAcrossTables() {
    dynamo.batchGetItem(
        r -> r.requestItems(Map.of(TABLE, keys("bga", 50), OTHER_TABLE, keys("bga", 50))));

    assertRefused(
        "Too many items requested for the BatchGetItem call",
        () ->
            dynamo.batchGetItem(
                r -> r.requestItems(Map.of(TABLE, keys("bga", 50), OTHER_TABLE, keys("bga", 51)))));
  }

  @Test
  void batchGetOfTheSameKeyTwiceIsRefused() {
    assertRefused(
        "Provided list of item keys contains duplicates",
        () ->
            dynamo.batchGetItem(
                r ->
                    r.requestItems(
                        Map.of(
                            TABLE,
                            KeysAndAttributes.builder()
                                .keys(key("dup", "same"), key("dup", "same"))
                                .build()))));
  }
}
