package org.newsindex.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.newsindex.index.DocKind;

/**
 * Counts a search's matches the way a faceted search page expects: the total under every filter,
 * the kind facet under every filter but the kind filter, the source facet under every filter but
 * the source filter, the publication-time histogram under every filter but the date filter.
 */
final class FacetCounter {
  private final Map<DocKind, Long> kinds = new LinkedHashMap<>();
  private final Map<Integer, Long> files = new HashMap<>();
  private final java.util.TreeMap<java.time.Instant, Long> buckets = new java.util.TreeMap<>();
  private final Optional<Histogram> histogram;
  private long total;

  /**
   * Counts the matching candidates, given which pass the kind filter and which the source filter.
   */
  FacetCounter(
      Iterable<Candidate> matches,
      Predicate<Candidate> kindFilter,
      Predicate<Candidate> sourceFilter,
      Predicate<Candidate> publishedFilter,
      Optional<Histogram> histogram) {
    this.histogram = histogram;
    for (Candidate c : matches) {
      boolean kindOk = kindFilter.test(c);
      boolean sourceOk = sourceFilter.test(c);
      boolean publishedOk = publishedFilter.test(c);
      if (sourceOk && publishedOk) {
        kinds.merge(c.kind, 1L, Long::sum);
      }
      if (kindOk && publishedOk) {
        for (int f : c.sources) {
          files.merge(f, 1L, Long::sum);
        }
      }
      if (kindOk && sourceOk && histogram.isPresent()) {
        buckets.merge(histogram.get().start(c.published), 1L, Long::sum);
      }
      if (kindOk && sourceOk && publishedOk) {
        total++;
      }
    }
  }

  /**
   * The publication-time facet, if asked for: the non-empty buckets, earliest first, under every
   * filter but the date filter.
   */
  Optional<List<FacetCount>> published() {
    return histogram.map(
        h ->
            buckets.entrySet().stream()
                .map(e -> new FacetCount(e.getKey().toString(), e.getValue()))
                .toList());
  }

  long total() {
    return total;
  }

  /** Every kind with its count (zero included), in the kinds' order. */
  List<FacetCount> kinds() {
    List<FacetCount> out = new ArrayList<>();
    for (DocKind kind : DocKind.values()) {
      out.add(new FacetCount(kind.label(), kinds.getOrDefault(kind, 0L)));
    }
    return out;
  }

  /**
   * The file ordinals with the most matches, most first (then lowest ordinal), at most {@code
   * size}.
   */
  List<Map.Entry<Integer, Long>> topFiles(int size) {
    return files.entrySet().stream()
        .sorted(
            Map.Entry.<Integer, Long>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(size)
        .toList();
  }
}
