package org.newsindex.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A document's text as the index sees it: its length in tokens (Lucene's field length) and, for
 * each term, its positions and the surface form the document uses most for it.
 */
public record AnalyzedText(int length, Map<String, Occurrences> terms) {

  /** Where a term occurs in one document, and how the document spells it most often. */
  public record Occurrences(int[] positions, String surface) {
    public int frequency() {
      return positions.length;
    }
  }

  public static AnalyzedText of(List<Token> tokens) {
    Map<String, List<Integer>> positions = new LinkedHashMap<>();
    Map<String, Map<String, Integer>> surfaces = new HashMap<>();
    for (Token t : tokens) {
      positions.computeIfAbsent(t.term(), k -> new ArrayList<>()).add(t.position());
      surfaces.computeIfAbsent(t.term(), k -> new HashMap<>()).merge(t.surface(), 1, Integer::sum);
    }
    Map<String, Occurrences> terms = new LinkedHashMap<>();
    positions.forEach(
        (term, list) -> {
          int[] array = list.stream().mapToInt(Integer::intValue).toArray();
          String surface =
              surfaces.get(term).entrySet().stream()
                  .max(
                      Map.Entry.<String, Integer>comparingByValue()
                          .thenComparing(Map.Entry.comparingByKey((a, b) -> b.compareTo(a))))
                  .map(Map.Entry::getKey)
                  .orElse(term);
          terms.put(term, new Occurrences(array, surface));
        });
    return new AnalyzedText(tokens.size(), terms);
  }
}
