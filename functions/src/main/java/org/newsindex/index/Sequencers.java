package org.newsindex.index;

import java.util.Locale;

/**
 * S3 event sequencers: hex strings that order the events of one key. AWS: sequencers may differ in
 * length; pad the shorter with zeros on the right and compare as strings. Stored padded to a fixed
 * width so DynamoDB condition expressions can compare them too.
 */
public final class Sequencers {
  private static final int WIDTH = 32;

  private Sequencers() {}

  public static String normalize(String sequencer) {
    String s = sequencer == null ? "" : sequencer.trim().toUpperCase(Locale.ROOT);
    if (s.length() > WIDTH
        || !s.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'))) {
      throw new IllegalArgumentException("not an S3 sequencer: '" + sequencer + "'");
    }
    return s + "0".repeat(WIDTH - s.length());
  }

  public static int compare(String a, String b) {
    return normalize(a).compareTo(normalize(b));
  }

  /**
   * The sequencer just after a normalized one: what a reindex records for a change it found by
   * listing the bucket, so the change is newer than the last event folded and older than any event
   * S3 sends after it.
   */
  public static String after(String normalized) {
    java.math.BigInteger next =
        new java.math.BigInteger(normalize(normalized), 16).add(java.math.BigInteger.ONE);
    String hex = next.toString(16).toUpperCase(Locale.ROOT);
    if (hex.length() > WIDTH) {
      throw new IllegalArgumentException("no sequencer after " + normalized);
    }
    return "0".repeat(WIDTH - hex.length()) + hex;
  }
}
