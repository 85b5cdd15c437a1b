package org.newsindex.local.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.newsindex.local.dynamodb.LocalDynamoDb.TABLE;
import static org.newsindex.local.dynamodb.LocalDynamoDb.assertRefused;
import static org.newsindex.local.dynamodb.LocalDynamoDb.b;
import static org.newsindex.local.dynamodb.LocalDynamoDb.key;
import static org.newsindex.local.dynamodb.LocalDynamoDb.s;
import static org.newsindex.local.dynamodb.LocalDynamoDb.utf8OfBytes;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The local DynamoDB refuses items over 400 KB (409,600 bytes) as DynamoDB computes their size:
 * UTF-8 names and strings, raw binaries, numbers by significant digits, lists and maps with their
 * overheads; for UpdateItem, the item as the update leaves it.
 */
class ItemSizeLimitTest {
  private static final int LIMIT = 400 * 1024;
  private static final String TOO_LARGE = "Item size has exceeded the maximum allowed size";

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

  /** The item's key, as DynamoDB counts it: "pk" + "size", "sk" + sortKey in UTF-8 bytes. */
  private static Map<String, AttributeValue> keyOf(String sortKey) {
    return key("size", sortKey);
  }

  private static int keyBytes(String sortKey) {
    return "pk".length()
        + "size".length()
        + "sk".length()
        + sortKey.getBytes(StandardCharsets.UTF_8).length;
  }

  /** An item of exactly {@code bytes}: its key and an attribute "data" of 'é' filling the rest. */
  private static Map<String, AttributeValue> itemOfBytes(String sortKey, int bytes) {
    Map<String, AttributeValue> item = new HashMap<>(keyOf(sortKey));
    item.put("data", s(utf8OfBytes(bytes - keyBytes(sortKey) - "data".length())));
    return item;
  }

  @Test
  void itemOfExactlyFourHundredKilobytesInUtf8IsAccepted() {
    Map<String, AttributeValue> item = itemOfBytes("at-limit", LIMIT);

    dynamo.putItem(r -> r.tableName(TABLE).item(item));

    assertEquals(item, dynamo.getItem(r -> r.tableName(TABLE).key(keyOf("at-limit"))).item());
  }

  @Test
  void itemOverFourHundredKilobytesInUtf8IsRefusedAsDynamoDbRefusesIt() {
    // 204,792 characters: dynalite alone counted characters and let this 409,601-byte item pass.
    Map<String, AttributeValue> item = itemOfBytes("over", LIMIT + 1);

    assertRefused(TOO_LARGE, () -> dynamo.putItem(r -> r.tableName(TABLE).item(item)));
    assertRefused(
        TOO_LARGE,
        () ->
            dynamo.batchWriteItem(
                r ->
                    r.requestItems(
                        Map.of(
                            TABLE,
                            List.of(
                                WriteRequest.builder().putRequest(p -> p.item(item)).build())))));
  }

  @Test
  void attributeNamesCountInUtf8Bytes() {
    String name = "é".repeat(100); // 200 bytes
    Map<String, AttributeValue> atLimit = new HashMap<>(keyOf("names"));
    atLimit.put(name, s(utf8OfBytes(LIMIT - keyBytes("names") - 200)));
    Map<String, AttributeValue> over = new HashMap<>(keyOf("names"));
    over.put(name, s(utf8OfBytes(LIMIT - keyBytes("names") - 200 + 1)));

    dynamo.putItem(r -> r.tableName(TABLE).item(atLimit));

    assertRefused(TOO_LARGE, () -> dynamo.putItem(r -> r.tableName(TABLE).item(over)));
  }

  @Test
  void numbersBinariesListsAndMapsCountAsDynamoDbCountsThem() {
    // number: 1 + 1 per two significant digits on each side of the point (+1 if negative):
    //   "-12345.678" = 1 + ceil(5/2) + ceil(3/2) + 1 = 7; "1000" = 1 + 1 = 2
    // binary: raw bytes (10); list: 3 + per element (1 + size); map: 3 + per entry (name + 1 +
    // size)
    int fixed =
        "n".length()
            + 7
            + "z".length()
            + 2
            + "b".length()
            + 10
            + "l".length()
            + (3 + (1 + 2) + (1 + 1))
            + "m".length()
            + (3 + ("k".length() + 1 + 1));
    Map<String, AttributeValue> atLimit = new HashMap<>(keyOf("types"));
    atLimit.put("n", AttributeValue.fromN("-12345.678"));
    atLimit.put("z", AttributeValue.fromN("1000"));
    atLimit.put("b", b(new byte[10]));
    atLimit.put("l", AttributeValue.fromL(List.of(s("ab"), AttributeValue.fromBool(true))));
    atLimit.put("m", AttributeValue.fromM(Map.of("k", AttributeValue.fromNul(true))));
    atLimit.put("data", s(utf8OfBytes(LIMIT - keyBytes("types") - fixed - "data".length())));
    Map<String, AttributeValue> over = new HashMap<>(atLimit);
    over.put("n", AttributeValue.fromN("-12345.67891")); // two more digits after the point: 8

    dynamo.putItem(r -> r.tableName(TABLE).item(atLimit));

    assertRefused(TOO_LARGE, () -> dynamo.putItem(r -> r.tableName(TABLE).item(over)));
  }

  @Test
  void updateThatWouldGrowTheItemPastTheLimitIsRefusedAndOneThatReachesItIsAccepted() {
    int addedBytes = "more".length() + 600;
    dynamo.putItem(r -> r.tableName(TABLE).item(itemOfBytes("update", LIMIT - addedBytes)));

    assertRefused(
        "Item size to update has exceeded the maximum allowed size",
        () ->
            dynamo.updateItem(
                r ->
                    r.tableName(TABLE)
                        .key(keyOf("update"))
                        .updateExpression("SET more = :v")
                        .expressionAttributeValues(Map.of(":v", s(utf8OfBytes(601))))));
    dynamo.updateItem(
        r ->
            r.tableName(TABLE)
                .key(keyOf("update"))
                .updateExpression("SET more = :v")
                .expressionAttributeValues(Map.of(":v", s(utf8OfBytes(600)))));

    assertEquals(
        utf8OfBytes(600),
        dynamo.getItem(r -> r.tableName(TABLE).key(keyOf("update"))).item().get("more").s());
  }
}
