package org.newsindex.local.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.newsindex.local.dynamodb.LocalDynamoDb.TABLE;
import static org.newsindex.local.dynamodb.LocalDynamoDb.assertRefused;
import static org.newsindex.local.dynamodb.LocalDynamoDb.key;
import static org.newsindex.local.dynamodb.LocalDynamoDb.s;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The local DynamoDB refuses requests over 16 MB, expressions over 4 KB (in UTF-8 bytes), values
 * nested deeper than 32 levels, numbers of more than 38 significant digits, empty sets and empty
 * key values, as DynamoDB does.
 */
class RequestLimitTest {
  private static final String NESTED_TOO_DEEP =
      "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels"
          + " beyond supported limit";

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

  /**
   * 25 puts whose items are small (each {@code characters} bytes) but whose JSON is six times
   * larger: the SDK writes each U+0001 as the six characters of its escape.
   */
  private static List<WriteRequest> escapedBatch(String prefix, int characters) {
    String payload = "\u0001".repeat(characters);
    return IntStream.range(0, 25)
        .mapToObj(
            i -> {
              Map<String, AttributeValue> item = new HashMap<>(key(prefix, "k" + i));
              item.put("data", s(payload));
              return WriteRequest.builder().putRequest(p -> p.item(item)).build();
            })
        .toList();
  }

  @Test
  void requestOfLessThanSixteenMegabytesIsAcceptedAndOneOfMoreIsRefused() {
    // 25 x 100,000 x 6 = 15.0 MB of JSON; 25 x 112,000 x 6 = 16.8 MB > 16 MiB (16,777,216 bytes)
    dynamo.batchWriteItem(r -> r.requestItems(Map.of(TABLE, escapedBatch("under16", 100_000))));

    DynamoDbException e =
        assertThrows(
            DynamoDbException.class,
            () ->
                dynamo.batchWriteItem(
                    r -> r.requestItems(Map.of(TABLE, escapedBatch("over16", 112_000)))));

    assertEquals(413, e.statusCode(), e.toString());
    assertFalse(dynamo.getItem(r -> r.tableName(TABLE).key(key("over16", "k0"))).hasItem());
    assertEquals(
        100_000,
        dynamo
            .getItem(r -> r.tableName(TABLE).key(key("under16", "k0")))
            .item()
            .get("data")
            .s()
            .length());
  }

  @Test
  void expressionOfFourKilobytesIsAcceptedAndOneByteMoreIsRefused() {
    String update = "SET" + " ".repeat(4096 - "SET a = :v".length()) + " a = :v";
    assertEquals(4096, update.length());

    dynamo.updateItem(
        r ->
            r.tableName(TABLE)
                .key(key("expr", "x"))
                .updateExpression(update)
                .expressionAttributeValues(Map.of(":v", s("ok"))));

    assertRefused(
        "Invalid UpdateExpression: Expression size has exceeded the maximum allowed size;"
            + " expression size: 4097",
        () ->
            dynamo.updateItem(
                r ->
                    r.tableName(TABLE)
                        .key(key("expr", "x"))
                        .updateExpression(" " + update)
                        .expressionAttributeValues(Map.of(":v", s("ok")))));
  }

  @Test
  void expressionsAreMeasuredInUtf8Bytes() {
    String projection = "é".repeat(2049); // 2,049 characters, 4,098 bytes

    assertRefused(
        "Invalid ProjectionExpression: Expression size has exceeded the maximum allowed size;"
            + " expression size: 4098",
        () ->
            dynamo.getItem(
                r -> r.tableName(TABLE).key(key("expr", "x")).projectionExpression(projection)));
    assertRefused(
        "Invalid FilterExpression: Expression size has exceeded the maximum allowed size;"
            + " expression size: 4098",
        () ->
            dynamo.query(
                r ->
                    r.tableName(TABLE)
                        .keyConditionExpression("pk = :p")
                        .filterExpression(projection)
                        .expressionAttributeValues(Map.of(":p", s("expr")))));
  }

  private static AttributeValue nestedMaps(int levels) {
    AttributeValue value = s("leaf");
    for (int i = 0; i < levels; i++) {
      value = AttributeValue.fromM(Map.of("n", value));
    }
    return value;
  }

  @Test
  void valuesNestedThirtyTwoLevelsAreAcceptedAndDeeperAreRefused() {
    // The top-level attribute is level 1: 31 maps put the leaf on level 32.
    Map<String, AttributeValue> atLimit = new HashMap<>(key("nest", "x"));
    atLimit.put("data", nestedMaps(31));
    Map<String, AttributeValue> tooDeep = new HashMap<>(key("nest", "x"));
    tooDeep.put("data", nestedMaps(32));

    dynamo.putItem(r -> r.tableName(TABLE).item(atLimit));

    assertEquals(atLimit, dynamo.getItem(r -> r.tableName(TABLE).key(key("nest", "x"))).item());
    assertRefused(NESTED_TOO_DEEP, () -> dynamo.putItem(r -> r.tableName(TABLE).item(tooDeep)));
    assertRefused(
        NESTED_TOO_DEEP,
        () ->
            dynamo.updateItem(
                r ->
                    r.tableName(TABLE)
                        .key(key("nest", "x"))
                        .updateExpression("SET deeper = :d")
                        .expressionAttributeValues(
                            Map.of(":d", AttributeValue.fromL(List.of(nestedMaps(31)))))));
  }

  @Test
  void numbersOfThirtyEightSignificantDigitsAreAcceptedAndThirtyNineAreRefused() {
    String digits38 = "1".repeat(38);
    Map<String, AttributeValue> item = new HashMap<>(key("number", "x"));
    item.put("n", AttributeValue.fromN(digits38));
    Map<String, AttributeValue> tooPrecise = new HashMap<>(key("number", "x"));
    tooPrecise.put("n", AttributeValue.fromN(digits38 + "1"));

    dynamo.putItem(r -> r.tableName(TABLE).item(item));

    assertRefused(
        "Attempting to store more than 38 significant digits in a Number",
        () -> dynamo.putItem(r -> r.tableName(TABLE).item(tooPrecise)));
  }

  @Test
  void emptySetsAndEmptyKeyValuesAreRefused() {
    Map<String, AttributeValue> emptySet = new HashMap<>(key("empty", "x"));
    emptySet.put("tags", AttributeValue.fromSs(List.of()));

    assertRefused(
        "One or more parameter values were invalid: An string set  may not be empty",
        () -> dynamo.putItem(r -> r.tableName(TABLE).item(emptySet)));
    assertRefused(
        "One or more parameter values are not valid. The AttributeValue for a key attribute cannot"
            + " contain an empty string value. Key: sk",
        () -> dynamo.putItem(r -> r.tableName(TABLE).item(key("empty", ""))));
  }
}
