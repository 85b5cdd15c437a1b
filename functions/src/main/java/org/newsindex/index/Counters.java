package org.newsindex.index;

import static org.newsindex.index.Attributes.n;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** Named counters that hand out ordinals: a block of consecutive numbers per request. */
final class Counters {
  static final String DOCUMENTS = "document";
  static final String FILES = "file";

  private final IndexTable table;

  Counters(IndexTable table) {
    this.table = table;
  }

  /** Allocates {@code count} consecutive numbers (count may be 0); returns the first. */
  long allocate(String counter, int count, Deadline deadline) {
    if (count == 0) {
      return 0;
    }
    Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> after =
        table
            .update(
                TableKeys.counter(counter),
                b ->
                    b.updateExpression("ADD #v :n")
                        .expressionAttributeNames(Map.of("#v", "value"))
                        .expressionAttributeValues(Map.of(":n", n(count)))
                        .returnValues(ReturnValue.UPDATED_NEW),
                deadline)
            .orElseThrow();
    return Long.parseLong(after.get("value").n()) - count + 1;
  }
}
