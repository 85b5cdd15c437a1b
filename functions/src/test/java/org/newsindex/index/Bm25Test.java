package org.newsindex.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Bm25Test {
  private static double tfPart(int tf, int nb, double avg) {
    return tf / (tf + Bm25.K1 * (1 - Bm25.B + Bm25.B * Bm25.decodedLength(nb) / avg));
  }

  @Test
  void boundCoversEveryPostingAtOrBelowItsKeyForAnyAverageLength() {
    double[] averages = {3, 10, 40, 80, 300, 2000};
    for (double avg : averages) {
      for (int tf = 1; tf <= 40; tf++) {
        for (int nb = 0; nb < 256; nb += 3) {
          long key = Bm25.rankKey(tf, nb);
          double bound = Bm25.keyBound(key, avg);
          assertTrue(tfPart(tf, nb, avg) <= bound, "tf=" + tf + " nb=" + nb + " avg=" + avg);
          // Every other posting with a lower key is bounded too.
          for (int tf2 = 1; tf2 <= 40; tf2 += 7) {
            for (int nb2 = 0; nb2 < 256; nb2 += 17) {
              if (Bm25.rankKey(tf2, nb2) <= key) {
                assertTrue(tfPart(tf2, nb2, avg) <= bound, "lower posting escaped the bound");
              }
            }
          }
        }
      }
    }
  }

  @Test
  void higherFrequencyInTheSameLengthRanksFirst() {
    assertTrue(Bm25.rankKey(5, 100) > Bm25.rankKey(2, 100));
    assertTrue(Bm25.rankKey(2, 40) > Bm25.rankKey(2, 140));
  }

  @Test
  void chunkBoundCoversEveryPostingTheChunkCanHold() {
    double[] averages = {3, 10, 40, 80, 300};
    for (double avg : averages) {
      for (int maxTf = 1; maxTf <= 30; maxTf += 3) {
        for (int minNb = 0; minNb < 256; minNb += 11) {
          long hiKey = Bm25.rankKey(maxTf, minNb);
          ChunkSummary chunk =
              new ChunkSummary(
                  1, hiKey, 0, 0, 0, 1, 0, maxTf, 10, java.util.List.of(), maxTf, minNb);
          double bound = Bm25.chunkBound(chunk, avg);
          for (int tf = 1; tf <= maxTf; tf++) {
            for (int nb = minNb; nb < 256; nb += 13) {
              if (Bm25.rankKey(tf, nb) <= hiKey) {
                assertTrue(tfPart(tf, nb, avg) <= bound, "tf=" + tf + " nb=" + nb + " avg=" + avg);
              }
            }
          }
          assertTrue(bound <= Bm25.keyBound(hiKey, avg), "never looser than the key's bound");
        }
      }
    }
  }

  @Test
  void storedRankKeysKeepTheirValues() {
    // Keys are stored in the index: these are the values every earlier release wrote.
    assertEquals(135_125L, Bm25.rankKey(3, 120));
    assertEquals(11_166_200L, Bm25.rankKey(1, 9));
  }
}
