package org.newsindex.api;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The size every API response stays under, and how many items of a page fit in it: a page whose
 * items would pass it is cut short, and its cursor continues after the last item sent.
 */
final class ResponseLimit {
  /** The most bytes (UTF-8 JSON) a response body may have: a megabyte, short of Lambda's 6 MB. */
  static final int MAX_BYTES = 1_000_000;

  /** Room kept for what the body holds besides its items, and for a cursor. */
  private static final int SLACK_BYTES = 4_096;

  private ResponseLimit() {}

  /** The size of a value as the API writes it. */
  static int bytes(Object value) {
    return Json.write(value).getBytes(StandardCharsets.UTF_8).length;
  }

  /**
   * How many of the first items fit beside the rest of the body ({@code otherBytes}), at least one
   * (no single item comes near the limit).
   */
  static int fitting(List<?> items, long otherBytes) {
    long total = otherBytes + SLACK_BYTES;
    for (int i = 0; i < items.size(); i++) {
      total += bytes(items.get(i)) + 1;
      if (total > MAX_BYTES) {
        return Math.max(1, i);
      }
    }
    return items.size();
  }
}
