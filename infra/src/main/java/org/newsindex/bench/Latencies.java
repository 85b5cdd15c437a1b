package org.newsindex.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A set of measured durations in milliseconds, and their percentiles. */
final class Latencies {
  private final List<Double> millis = new ArrayList<>();

  void add(double ms) {
    millis.add(ms);
  }

  int count() {
    return millis.size();
  }

  /** The nearest-rank percentile (0 < p <= 100). */
  double percentile(double p) {
    if (millis.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  double p50() {
    return percentile(50);
  }

  double p99() {
    return percentile(99);
  }
}
