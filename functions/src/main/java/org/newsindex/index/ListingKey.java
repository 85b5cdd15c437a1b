package org.newsindex.index;

/**
 * The rank key of a document in the list of all documents ({@link TermDirectory#ALL_DOCUMENTS}):
 * its publication time, then its ordinal, so that the list read best first is newest first (ties by
 * the later ingest), read backwards oldest first, and a date range is a range of keys. 33 bits hold
 * the seconds since 1900-01-01 (to the year 2172; times outside are clamped to the ends), 30 bits
 * the low bits of the ordinal, which only break ties between documents published in the same
 * second.
 */
public final class ListingKey {
  /** 1900-01-01T00:00:00Z, in seconds since the epoch. */
  static final long BASE_SECONDS = -2_208_988_800L;

  private static final int ORD_BITS = 30;
  private static final long ORD_MASK = (1L << ORD_BITS) - 1;
  private static final long MAX_SECONDS = (1L << 33) - 1;

  private ListingKey() {}

  public static long of(long publishedSeconds, long ord) {
    return (offset(publishedSeconds) << ORD_BITS) | (ord & ORD_MASK);
  }

  /** The lowest key of a document published at or after this second. */
  public static long atOrAfter(long seconds) {
    return offset(seconds) << ORD_BITS;
  }

  /** The publication second a key holds (clamped to the key's range). */
  public static long seconds(long key) {
    return (key >>> ORD_BITS) + BASE_SECONDS;
  }

  private static long offset(long seconds) {
    return Math.max(0, Math.min(MAX_SECONDS, seconds - BASE_SECONDS));
  }
}
