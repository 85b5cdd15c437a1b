package org.newsindex.search;

import org.newsindex.index.RankKey;

/**
 * BM25 exactly as Lucene's BM25Similarity computes it (k1 = 1.2, b = 0.75, float arithmetic,
 * lengths decoded from Lucene's one-byte norms), from the index's statistics: the number of
 * documents, the summed document length, and each term's document frequency.
 */
public final class Bm25 {
  private final long docCount;
  private final float avgLength;
  private final float[] normCache = new float[256];

  public Bm25(long docCount, long sumLength) {
    this.docCount = docCount;
    this.avgLength = docCount == 0 ? 1f : (float) (sumLength / (double) docCount);
    for (int i = 0; i < 256; i++) {
      normCache[i] =
          1f / (RankKey.K1 * ((1 - RankKey.B) + RankKey.B * RankKey.decodedLength(i) / avgLength));
    }
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

  public float score(float weight, float freq, int normByte) {
    return weight - weight / (1f + freq * normCache[normByte & 0xFF]);
  }

  /** The highest score any posting at or below the rank key can have. */
  public double bound(float weight, long key) {
    return weight * RankKey.bound(key, avgLength);
  }
}
