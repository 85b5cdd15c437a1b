package org.newsindex.index;

import java.math.BigDecimal;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The size of an item as DynamoDB counts it against its 400 KB limit and bills it in write units:
 * attribute names and string values in UTF-8 bytes, binary values in bytes, numbers by their
 * significant digits, and the small overheads of lists, maps and sets.
 */
public final class ItemSize {
  /** DynamoDB's item size limit. */
  static final int MAX_ITEM_BYTES = 400 * 1024;

  private ItemSize() {}

  public static long of(Map<String, AttributeValue> item) {
    long bytes = 0;
    for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
      bytes += KeyText.utf8Length(e.getKey()) + value(e.getValue());
    }
    return bytes;
  }

  /** The write units a put of the item costs: one per started kilobyte. */
  public static long writeUnits(Map<String, AttributeValue> item) {
    return Math.max(1, (of(item) + 1023) / 1024);
  }

  private static long value(AttributeValue v) {
    if (v.s() != null) {
      return KeyText.utf8Length(v.s());
    }
    if (v.n() != null) {
      return number(v.n());
    }
    if (v.b() != null) {
      return v.b().asByteArrayUnsafe().length;
    }
    if (v.bool() != null || Boolean.TRUE.equals(v.nul())) {
      return 1;
    }
    if (v.hasL()) {
      long n = 3;
      for (AttributeValue e : v.l()) {
        n += 1 + value(e);
      }
      return n;
    }
    if (v.hasM()) {
      long n = 3;
      for (Map.Entry<String, AttributeValue> e : v.m().entrySet()) {
        n += 1 + KeyText.utf8Length(e.getKey()) + value(e.getValue());
      }
      return n;
    }
    if (v.hasSs()) {
      return v.ss().stream().mapToLong(KeyText::utf8Length).sum();
    }
    if (v.hasNs()) {
      return v.ns().stream().mapToLong(ItemSize::number).sum();
    }
    if (v.hasBs()) {
      return v.bs().stream().mapToLong(b -> b.asByteArrayUnsafe().length).sum();
    }
    return 1;
  }

  /** A number: about one byte per two significant digits, plus one. */
  static long number(String n) {
    int significant = integerDigits(n);
    if (significant < 0) {
      String digits = new BigDecimal(n).unscaledValue().abs().toString();
      int end = digits.length();
      while (end > 0 && digits.charAt(end - 1) == '0') {
        end--;
      }
      significant = end;
    }
    return Math.max(1, (significant + 1) / 2) + 1;
  }

  /**
   * The significant digits of a plain integer (an optional minus and digits, as every number the
   * index writes is), without leading or trailing zeros; -1 for any other form. Items are sized
   * before every write, so this path is taken for every number of every item.
   */
  private static int integerDigits(String n) {
    int from = n.startsWith("-") ? 1 : 0;
    if (from == n.length()) {
      return -1;
    }
    for (int i = from; i < n.length(); i++) {
      char c = n.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
    }
    while (from < n.length() && n.charAt(from) == '0') {
      from++;
    }
    int end = n.length();
    while (end > from && n.charAt(end - 1) == '0') {
      end--;
    }
    return end - from;
  }
}
