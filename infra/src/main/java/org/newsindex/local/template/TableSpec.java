package org.newsindex.local.template;

import java.util.List;
import java.util.Optional;

/** A DynamoDB table the template declares, with its keys and secondary indexes. */
public record TableSpec(
    String logicalId,
    String name,
    String billingMode,
    List<Attribute> attributes,
    List<Key> keySchema,
    Optional<Throughput> throughput,
    List<Index> globalIndexes,
    List<Index> localIndexes) {

  public TableSpec {
    attributes = List.copyOf(attributes);
    keySchema = List.copyOf(keySchema);
    globalIndexes = List.copyOf(globalIndexes);
    localIndexes = List.copyOf(localIndexes);
  }

  /** An attribute definition: name and type S, N or B. */
  public record Attribute(String name, String type) {}

  /** One element of a key schema: attribute name and key type HASH or RANGE. */
  public record Key(String attributeName, String keyType) {}

  /** Provisioned read and write capacity. */
  public record Throughput(long readCapacityUnits, long writeCapacityUnits) {}

  /** A global or local secondary index. */
  public record Index(
      String name,
      List<Key> keySchema,
      String projectionType,
      List<String> nonKeyAttributes,
      Optional<Throughput> throughput) {
    public Index {
      keySchema = List.copyOf(keySchema);
      nonKeyAttributes = List.copyOf(nonKeyAttributes);
    }
  }
}
