package org.newsindex.index;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The primary key of one item of the index table. */
public record ItemKey(String pk, String sk) {

  public Map<String, AttributeValue> toMap() {
    return Map.of("pk", Attributes.s(pk), "sk", Attributes.s(sk));
  }

  public static ItemKey of(Map<String, AttributeValue> item) {
    return new ItemKey(item.get("pk").s(), item.get("sk").s());
  }
}
