package org.newsindex.analysis;

import java.util.Arrays;
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
    Map<String, Gathered> gathered = new LinkedHashMap<>();
    for (Token t : tokens) {
      gathered.computeIfAbsent(t.term(), k -> new Gathered()).add(t.position(), t.surface());
    }
    Map<String, Occurrences> terms = new LinkedHashMap<>(gathered.size() * 4 / 3 + 1);
    gathered.forEach((term, g) -> terms.put(term, g.occurrences()));
    return new AnalyzedText(tokens.size(), terms);
  }

  /**
   * One term's positions and surface forms as the tokens come; most terms have one form, so a count
   * of each form is kept only once a second appears. The form kept is the most frequent, the
   * alphabetically first of those tied.
   */
  private static final class Gathered {
    private int[] positions = new int[2];
    private int count;
    private String surface;
    private Map<String, Integer> forms;

    void add(int position, String form) {
      if (count == positions.length) {
        positions = Arrays.copyOf(positions, count * 2);
      }
      positions[count++] = position;
      if (surface == null) {
        surface = form;
      } else if (forms != null) {
        forms.merge(form, 1, Integer::sum);
      } else if (!surface.equals(form)) {
        forms = new HashMap<>();
        forms.put(surface, count - 1);
        forms.put(form, 1);
      }
    }

    Occurrences occurrences() {
      String kept = surface;
      if (forms != null) {
        int best = 0;
        for (Map.Entry<String, Integer> f : forms.entrySet()) {
          if (f.getValue() > best || (f.getValue() == best && f.getKey().compareTo(kept) < 0)) {
            best = f.getValue();
            kept = f.getKey();
          }
        }
      }
      return new Occurrences(Arrays.copyOf(positions, count), kept);
    }
  }
}
