package org.newsindex.index;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RankKeyTest {
  private static double tfPart(int tf, int nb, double avg) {
    return tf / (tf + RankKey.K1 * (1 - RankKey.B + RankKey.B * RankKey.decodedLength(nb) / avg));
  }

  @Test
  void boundCoversEveryPostingAtOrBelowItsKeyForAnyAverageLength() {
    double[] averages = {3, 10, 40, 80, 300, 2000};
    for (double avg : averages) {
      for (int tf = 1; tf <= 40; tf++) {
        for (int nb = 0; nb < 256; nb += 3) {
          long key = RankKey.of(tf, nb);
          double bound = RankKey.bound(key, avg);
          assertTrue(tfPart(tf, nb, avg) <= bound, "tf=" + tf + " nb=" + nb + " avg=" + avg);
          // Every other posting with a lower key is bounded too.
          for (int tf2 = 1; tf2 <= 40; tf2 += 7) {
            for (int nb2 = 0; nb2 < 256; nb2 += 17) {
              if (RankKey.of(tf2, nb2) <= key) {
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
    assertTrue(RankKey.of(5, 100) > RankKey.of(2, 100));
    assertTrue(RankKey.of(2, 40) > RankKey.of(2, 140));
  }
}
