package org.newsindex.index;

import org.apache.lucene.util.SmallFloat;

/**
 * BM25, in one place: the formula as Lucene's BM25Similarity computes it (k1 = 1.2, b = 0.75, float
 * arithmetic, document lengths through Lucene's one-byte norms), the rank keys postings are stored
 * in, and the bounds that let a search stop reading early.
 *
 * <p>A posting's score is {@code idf · tfPart}, where {@code tfPart = tf / (tf + k1 (1 - b + b dl /
 * avgdl))}. Postings are stored best first by their {@link #rankKey}: the tf part computed against
 * a fixed {@link #REFERENCE_AVG_LENGTH}, so that a key never changes as the corpus grows. Since the
 * true average drifts from the reference, {@link #keyBound} turns a key into a safe upper bound of
 * the true tf part of every posting at or below it, and {@link #chunkBound} tightens that with what
 * a chunk's summary knows of its contents. An instance holds one search's statistics and scores.
 */
public final class Bm25 {
  public static final float K1 = 1.2f;
  public static final float B = 0.75f;

  /** The reference average document length the rank keys are computed with. */
  public static final float REFERENCE_AVG_LENGTH = 40f;

  /** A margin that keeps bounds above the float arithmetic scores are computed in. */
  private static final double MARGIN = 1 + 1e-6;

  private static final double KEY_SCALE = 1 << 24;
  private static final float[] LENGTH_TABLE = new float[256];

  static {
    for (int i = 0; i < 256; i++) {
      LENGTH_TABLE[i] = SmallFloat.byte4ToInt((byte) i);
    }
  }

  private final long docCount;
  private final float avgLength;
  private final float[] normCache = new float[256];

  /** The statistics of one search: the number of documents and their summed length. */
  public Bm25(long docCount, long sumLength) {
    this.docCount = docCount;
    this.avgLength = docCount == 0 ? 1f : (float) (sumLength / (double) docCount);
    for (int i = 0; i < 256; i++) {
      normCache[i] = 1f / (K1 * ((1 - B) + B * decodedLength(i) / avgLength));
    }
  }

  /** Lucene's one-byte encoding of a document length. */
  public static int normByte(int length) {
    return SmallFloat.intToByte4(length) & 0xFF;
  }

  /** The document length Lucene decodes from a norm byte. */
  public static float decodedLength(int normByte) {
    return LENGTH_TABLE[normByte & 0xFF];
  }

  /**
   * tf / (tf + k1 (1 - b + b dl / avgdl)), the average length taken in double as bounds take it.
   */
  public static double tfPart(int tf, int normByte, double avgLength) {
    return tf / (tf + K1 * (1 - B + B * decodedLength(normByte) / avgLength));
  }

  /**
   * The order a posting is stored in: its tf part against the reference length, scaled. Computed in
   * float, as every stored key was: changing the arithmetic would reorder stored postings.
   */
  public static long rankKey(int tf, int normByte) {
    float f = tf / (tf + K1 * (1 - B + B * decodedLength(normByte) / REFERENCE_AVG_LENGTH));
    return (long) Math.floor(f * KEY_SCALE);
  }

  /**
   * An upper bound of the tf part, for the current average length, of every posting whose rank key
   * is at most {@code key}. With u = 1/f - 1 at the reference length, a posting's tf part at
   * another average is 1 / (1 + u r) for some r ≥ min(1, reference / average); the smallest u the
   * key allows gives the bound.
   */
  public static double keyBound(long key, double avgLength) {
    double s0 = Math.min(1.0, (key + 1) / KEY_SCALE);
    if (s0 >= 1.0) {
      return 1.0;
    }
    double u0 = 1.0 / s0 - 1.0;
    double r = Math.min(1.0, REFERENCE_AVG_LENGTH / avgLength);
    return (1.0 / (1.0 + r * u0)) * MARGIN;
  }

  /**
   * An upper bound of the tf part of every posting of a chunk: the smaller of what its highest rank
   * key allows and what its highest frequency in its shortest document gives.
   */
  public static double chunkBound(ChunkSummary chunk, double avgLength) {
    double byContent = tfPart(chunk.maxTf(), chunk.minNormByte(), avgLength) * MARGIN;
    return Math.min(keyBound(chunk.hiKey(), avgLength), byContent);
  }

  public long docCount() {
    return docCount;
  }

  public float avgLength() {
    return avgLength;
  }

  public float idf(long docFreq) {
    return (float) Math.log(1 + (docCount - docFreq + 0.5D) / (docFreq + 0.5D));
  }

  /** A phrase's idf: the sum of its terms' idfs, as Lucene's idfExplain for several terms. */
  public float idf(long[] docFreqs) {
    double sum = 0;
    for (long df : docFreqs) {
      sum += idf(df);
    }
    return (float) sum;
  }

  /** A posting's score, in Lucene's float arithmetic. */
  public float score(float weight, float freq, int normByte) {
    return weight - weight / (1f + freq * normCache[normByte & 0xFF]);
  }
}
