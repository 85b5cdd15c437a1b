package org.newsindex.index;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** One write of a batch: a whole item put, or an item deleted. */
sealed interface TableWrite {
  ItemKey key();

  /** Puts a whole item (replacing what the key held). */
  record Put(Map<String, AttributeValue> item) implements TableWrite {
    @Override
    public ItemKey key() {
      return ItemKey.of(item);
    }
  }

  /** Deletes the item under the key, if any. */
  record Delete(ItemKey key) implements TableWrite {}

  static TableWrite put(Map<String, AttributeValue> item) {
    return new Put(item);
  }

  static TableWrite delete(ItemKey key) {
    return new Delete(key);
  }
}
