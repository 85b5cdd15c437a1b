package org.newsindex.index;

/**
 * An item that DynamoDB would refuse: a key part longer than its limit in UTF-8 bytes, an empty
 * key, or an item over 400 KB. Thrown before the item is sent, so nothing of it is written.
 */
public final class ItemLimitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ItemKey key;

  ItemLimitException(ItemKey key, String message) {
    super(message);
    this.key = key;
  }

  public ItemKey key() {
    return key;
  }

  /** Checks an item (or a key alone, when {@code item} is null) against DynamoDB's limits. */
  static void check(ItemKey key, java.util.Map<String, ?> item, long itemBytes) {
    int pk = KeyText.utf8Length(key.pk());
    int sk = KeyText.utf8Length(key.sk());
    if (pk == 0 || sk == 0) {
      throw new ItemLimitException(key, "an item key part is empty");
    }
    if (pk > KeyText.PARTITION_KEY_BYTES) {
      throw new ItemLimitException(
          key,
          "a partition key is "
              + pk
              + " bytes in UTF-8; DynamoDB allows "
              + KeyText.PARTITION_KEY_BYTES);
    }
    if (sk > KeyText.SORT_KEY_BYTES) {
      throw new ItemLimitException(
          key,
          "a sort key is " + sk + " bytes in UTF-8; DynamoDB allows " + KeyText.SORT_KEY_BYTES);
    }
    if (item != null && itemBytes > ItemSize.MAX_ITEM_BYTES) {
      throw new ItemLimitException(
          key,
          String.format(
              "an item is %,d bytes; DynamoDB allows %,d", itemBytes, ItemSize.MAX_ITEM_BYTES));
    }
  }
}
