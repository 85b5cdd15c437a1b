package org.newsindex.local.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.newsindex.local.dynamodb.LocalDynamoDb.TABLE;
import static org.newsindex.local.dynamodb.LocalDynamoDb.key;
import static org.newsindex.local.dynamodb.LocalDynamoDb.s;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Requests within DynamoDB's limits pass the strict local DynamoDB unchanged. */
class OrdinaryFlowTest {
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
  void putGetUpdateQueryAndBatchesRoundTrip() {
    Map<String, AttributeValue> article = new HashMap<>(key("TERM#is", "istanbul"));
    article.put("title", s("İstanbul'da barış görüşmeleri"));
    article.put("df", AttributeValue.fromN("3"));
    article.put("forms", AttributeValue.fromSs(List.of("İstanbul", "istanbul")));
    dynamo.putItem(r -> r.tableName(TABLE).item(article));
    dynamo.updateItem(
        r ->
            r.tableName(TABLE)
                .key(key("TERM#is", "istanbul"))
                .updateExpression("SET df = df + :one")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
    dynamo.batchWriteItem(
        r ->
            r.requestItems(
                Map.of(
                    TABLE,
                    List.of(
                        WriteRequest.builder()
                            .putRequest(p -> p.item(key("TERM#is", "istihdam")))
                            .build()))));

    assertEquals(
        "4",
        dynamo
            .getItem(r -> r.tableName(TABLE).key(key("TERM#is", "istanbul")))
            .item()
            .get("df")
            .n());
    assertEquals(
        List.of("istanbul", "istihdam"),
        dynamo
            .query(
                r ->
                    r.tableName(TABLE)
                        .keyConditionExpression("pk = :p AND begins_with(sk, :s)")
                        .expressionAttributeValues(Map.of(":p", s("TERM#is"), ":s", s("ist"))))
            .items()
            .stream()
            .map(item -> item.get("sk").s())
            .toList());
    assertEquals(
        "İstanbul'da barış görüşmeleri",
        dynamo
            .batchGetItem(
                r ->
                    r.requestItems(
                        Map.of(
                            TABLE,
                            KeysAndAttributes.builder()
                                .keys(key("TERM#is", "istanbul"), key("TERM#is", "istihdam"))
                                .build())))
            .responses()
            .get(TABLE)
            .stream()
            .filter(item -> item.containsKey("title"))
            .findFirst()
            .orElseThrow()
            .get("title")
            .s());
  }
}
