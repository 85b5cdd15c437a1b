package org.newsindex.local.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the properties of {@code AWS::DynamoDB::Table} and {@code AWS::Serverless::SimpleTable}.
 */
final class TableReader {
  private final IntrinsicResolver resolver;

  TableReader(IntrinsicResolver resolver) {
    this.resolver = resolver;
  }

  TableSpec table(String logicalId, Map<String, Object> rawProperties) {
    Map<String, Object> properties = Values.asMap(resolver.resolve(rawProperties), logicalId);
    String where = logicalId + ".";
    List<TableSpec.Attribute> attributes = new ArrayList<>();
    for (Object item :
        Values.asList(properties.get("AttributeDefinitions"), where + "AttributeDefinitions")) {
      Map<String, Object> attribute = Values.asMap(item, where + "AttributeDefinitions[]");
      attributes.add(
          new TableSpec.Attribute(
              Values.asString(attribute.get("AttributeName"), where + "AttributeName"),
              Values.asString(attribute.get("AttributeType"), where + "AttributeType")));
    }
    String billingMode =
        properties.get("BillingMode") == null
            ? "PROVISIONED"
            : Values.asString(properties.get("BillingMode"), where + "BillingMode");
    return new TableSpec(
        logicalId,
        (String) resolver.ref(logicalId),
        billingMode,
        attributes,
        keySchema(properties.get("KeySchema"), where + "KeySchema"),
        throughput(properties.get("ProvisionedThroughput"), where),
        indexes(properties.get("GlobalSecondaryIndexes"), where + "GlobalSecondaryIndexes"),
        indexes(properties.get("LocalSecondaryIndexes"), where + "LocalSecondaryIndexes"));
  }

  TableSpec simpleTable(String logicalId, Map<String, Object> rawProperties) {
    Map<String, Object> properties = Values.asMap(resolver.resolve(rawProperties), logicalId);
    Map<String, Object> primaryKey =
        Values.asMap(properties.get("PrimaryKey"), logicalId + ".PrimaryKey");
    String name = String.valueOf(primaryKey.getOrDefault("Name", "id"));
    String type =
        switch (String.valueOf(primaryKey.getOrDefault("Type", "String"))) {
          case "Number" -> "N";
          case "Binary" -> "B";
          default -> "S";
        };
    Optional<TableSpec.Throughput> throughput =
        throughput(properties.get("ProvisionedThroughput"), logicalId + ".");
    return new TableSpec(
        logicalId,
        (String) resolver.ref(logicalId),
        throughput.isPresent() ? "PROVISIONED" : "PAY_PER_REQUEST",
        List.of(new TableSpec.Attribute(name, type)),
        List.of(new TableSpec.Key(name, "HASH")),
        throughput,
        List.of(),
        List.of());
  }

  private static List<TableSpec.Key> keySchema(Object value, String where) {
    List<TableSpec.Key> keys = new ArrayList<>();
    for (Object item : Values.asList(value, where)) {
      Map<String, Object> key = Values.asMap(item, where + "[]");
      keys.add(
          new TableSpec.Key(
              Values.asString(key.get("AttributeName"), where + ".AttributeName"),
              Values.asString(key.get("KeyType"), where + ".KeyType")));
    }
    return keys;
  }

  private static List<TableSpec.Index> indexes(Object value, String where) {
    List<TableSpec.Index> indexes = new ArrayList<>();
    for (Object item : Values.asList(value, where)) {
      Map<String, Object> index = Values.asMap(item, where + "[]");
      Map<String, Object> projection = Values.asMap(index.get("Projection"), where + ".Projection");
      List<String> nonKey = new ArrayList<>();
      for (Object attribute :
          Values.asList(projection.get("NonKeyAttributes"), where + ".NonKeyAttributes")) {
        nonKey.add(Values.asString(attribute, where + ".NonKeyAttributes[]"));
      }
      indexes.add(
          new TableSpec.Index(
              Values.asString(index.get("IndexName"), where + ".IndexName"),
              keySchema(index.get("KeySchema"), where + ".KeySchema"),
              String.valueOf(projection.getOrDefault("ProjectionType", "ALL")),
              nonKey,
              throughput(index.get("ProvisionedThroughput"), where + ".")));
    }
    return indexes;
  }

  private static Optional<TableSpec.Throughput> throughput(Object value, String where) {
    if (value == null) {
      return Optional.empty();
    }
    Map<String, Object> throughput = Values.asMap(value, where + "ProvisionedThroughput");
    return Optional.of(
        new TableSpec.Throughput(
            Values.asInt(throughput.get("ReadCapacityUnits"), where + "ReadCapacityUnits"),
            Values.asInt(throughput.get("WriteCapacityUnits"), where + "WriteCapacityUnits")));
  }
}
