package org.newsindex.local.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.function.Executable;
import org.newsindex.local.LocalClients;
import org.newsindex.local.ProjectLayout;
import org.newsindex.local.template.TableSpec;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * The local DynamoDB as the local cloud starts it (dynalite behind strict-dynamodb.js), with the
 * tables the limit tests write to, reached through the real AWS SDK over HTTP.
 */
final class LocalDynamoDb implements AutoCloseable {
  /** pk (S, HASH) and sk (S, RANGE), like the index table. */
  static final String TABLE = "strict-limits";

  /** A second table of the same shape, for limits that count across tables. */
  static final String OTHER_TABLE = "strict-limits-other";

  /** pk (B, HASH) and sk (B, RANGE): binary keys are counted in raw bytes, not base64. */
  static final String BINARY_TABLE = "strict-limits-binary";

  /** pk (S, HASH) with a global secondary index "by-g" on g (S, HASH). */
  static final String INDEXED_TABLE = "strict-limits-indexed";

  private final DynaliteProcess dynalite;
  private final DynamoDbClient client;

  private LocalDynamoDb(DynaliteProcess dynalite, DynamoDbClient client) {
    this.dynalite = dynalite;
    this.client = client;
  }

  static LocalDynamoDb start() {
    DynaliteProcess dynalite =
        DynaliteProcess.start(ProjectLayout.require(null).nodeDirectory(), 0, Optional.empty());
    DynamoDbClient client = LocalClients.dynamoDb(dynalite.endpoint(), "us-east-1");
    new TableProvisioner(client)
        .createAll(
            List.of(
                keyedTable(TABLE, "S"),
                keyedTable(OTHER_TABLE, "S"),
                keyedTable(BINARY_TABLE, "B"),
                indexedTable()));
    return new LocalDynamoDb(dynalite, client);
  }

  DynamoDbClient client() {
    return client;
  }

  int port() {
    return dynalite.port();
  }

  @Override
  public void close() {
    client.close();
    dynalite.close();
  }

  /** Asserts the call fails as DynamoDB fails it: HTTP 400, ValidationException, this message. */
  static DynamoDbException assertRefused(String message, Executable call) {
    DynamoDbException e = assertThrows(DynamoDbException.class, call);
    assertEquals(400, e.statusCode(), e.toString());
    assertEquals("ValidationException", e.awsErrorDetails().errorCode(), e.toString());
    assertEquals(message, e.awsErrorDetails().errorMessage());
    return e;
  }

  static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  static AttributeValue b(byte[] value) {
    return AttributeValue.fromB(SdkBytes.fromByteArray(value));
  }

  static Map<String, AttributeValue> key(String pk, String sk) {
    Map<String, AttributeValue> key = new HashMap<>();
    key.put("pk", s(pk));
    key.put("sk", s(sk));
    return key;
  }

  /** Characters whose UTF-8 encoding is exactly {@code bytes} long: 'é' (2 bytes), then 'x'. */
  static String utf8OfBytes(int bytes) {
    return "é".repeat(bytes / 2) + "x".repeat(bytes % 2);
  }

  private static TableSpec keyedTable(String name, String type) {
    return new TableSpec(
        "Table" + Math.abs(name.hashCode()),
        name,
        "PAY_PER_REQUEST",
        List.of(new TableSpec.Attribute("pk", type), new TableSpec.Attribute("sk", type)),
        List.of(new TableSpec.Key("pk", "HASH"), new TableSpec.Key("sk", "RANGE")),
        Optional.empty(),
        List.of(),
        List.of());
  }

  private static TableSpec indexedTable() {
    return new TableSpec(
        "IndexedTable",
        INDEXED_TABLE,
        "PAY_PER_REQUEST",
        List.of(new TableSpec.Attribute("pk", "S"), new TableSpec.Attribute("g", "S")),
        List.of(new TableSpec.Key("pk", "HASH")),
        Optional.empty(),
        List.of(
            new TableSpec.Index(
                "by-g",
                List.of(new TableSpec.Key("g", "HASH")),
                "KEYS_ONLY",
                List.of(),
                Optional.empty())),
        List.of());
  }
}
