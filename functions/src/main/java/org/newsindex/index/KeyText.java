package org.newsindex.index;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Text made fit for a DynamoDB key, whose parts are limited in UTF-8 bytes (a partition key to
 * 2,048, a sort key to 1,024). Text that fits is kept as it is; longer text becomes its longest
 * prefix that leaves room for a separator and a hash of the whole text, so distinct texts keep
 * distinct keys and a prefix query for anything shorter than the kept prefix still finds them.
 */
public final class KeyText {
  /** DynamoDB's limit on a partition key value, in UTF-8 bytes. */
  public static final int PARTITION_KEY_BYTES = 2048;

  /** DynamoDB's limit on a sort key value, in UTF-8 bytes. */
  public static final int SORT_KEY_BYTES = 1024;

  /** Sorts below every character text can hold, so a cut key sorts right after its prefix. */
  static final char HASH_SEPARATOR = '\u001e';

  private static final int HASH_HEX = 16;

  private KeyText() {}

  /** The text, or its prefix plus a hash, in at most {@code maxBytes} UTF-8 bytes. */
  public static String bounded(String text, int maxBytes) {
    if (utf8Length(text) <= maxBytes) {
      return text;
    }
    int room = maxBytes - 1 - HASH_HEX;
    if (room < 0) {
      throw new IllegalArgumentException("no room for a hash in " + maxBytes + " bytes");
    }
    return prefix(text, room) + HASH_SEPARATOR + hash(text);
  }

  /** The longest prefix of the text (whole code points) of at most {@code maxBytes} UTF-8 bytes. */
  public static String prefix(String text, int maxBytes) {
    int bytes = 0;
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (bytes + size > maxBytes) {
        break;
      }
      bytes += size;
      i += Character.charCount(cp);
    }
    return text.substring(0, i);
  }

  /** The number of bytes of the text in UTF-8 (an unpaired surrogate counts as the 3 of U+FFFD). */
  public static int utf8Length(String text) {
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  private static String hash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, HASH_HEX / 2);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
