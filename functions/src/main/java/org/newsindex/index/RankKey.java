package org.newsindex.index;

import org.apache.lucene.util.SmallFloat;

/**
 * The order of a term's postings: best first by BM25's term-frequency part, tf / (tf + k1 (1 - b +
 * b dl / avgdl)), computed against a fixed reference average length so that a posting's key never
 * changes. Because the true average length drifts from the reference, {@link #bound} turns a key
 * into a safe upper bound of the true value for every posting at or below it.
 */
public final class RankKey {
  public static final float K1 = 1.2f;
  public static final float B = 0.75f;

  /** The reference average document length the keys are computed with. */
  public static final float REFERENCE_AVG_LENGTH = 40f;

  private static final double SCALE = 1 << 24;
  private static final float[] LENGTH_TABLE = new float[256];

  static {
    for (int i = 0; i < 256; i++) {
      LENGTH_TABLE[i] = SmallFloat.byte4ToInt((byte) i);
    }
  }

  private RankKey() {}

  /** Lucene's one-byte encoding of a document length. */
  public static int normByte(int length) {
    return SmallFloat.intToByte4(length) & 0xFF;
  }

  /** The document length Lucene decodes from a norm byte. */
  public static float decodedLength(int normByte) {
    return LENGTH_TABLE[normByte & 0xFF];
  }

  public static long of(int tf, int normByte) {
    double f = tf / (tf + K1 * (1 - B + B * decodedLength(normByte) / REFERENCE_AVG_LENGTH));
    return (long) Math.floor(f * SCALE);
  }

  /**
   * An upper bound of tf / (tf + k1 (1 - b + b dl / avgdl)) over every posting whose key is at most
   * {@code key}, for the index's current average length.
   */
  public static double bound(long key, double avgLength) {
    double s0 = Math.min(1.0, (key + 1) / SCALE);
    if (s0 >= 1.0) {
      return 1.0;
    }
    double u0 = 1.0 / s0 - 1.0;
    double r = Math.min(1.0, REFERENCE_AVG_LENGTH / avgLength);
    return (1.0 / (1.0 + r * u0)) * (1 + 1e-6);
  }
}
