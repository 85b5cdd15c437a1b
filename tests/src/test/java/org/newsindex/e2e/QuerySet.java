package org.newsindex.e2e;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.newsindex.analysis.TextAnalyzer;
import org.newsindex.analysis.Token;
import org.newsindex.index.StoredDocument;

/**
 * Queries drawn from the documents themselves, deterministically, so that every kind of query has
 * matches: single words across the frequency range, several words, phrases (runs of words as they
 * appear), exclusions, boolean syntax, prefixes, and filtered queries.
 */
final class QuerySet {
  /** One query: its text, kind filter (empty for none) and what kind of query it is. */
  record Query(String kind, String q, String filter) {}

  private QuerySet() {}

  static List<Query> from(List<StoredDocument> documents, int perKind, long seed) {
    TextAnalyzer analyzer = new TextAnalyzer();
    Random random = new Random(seed);
    Map<String, Integer> df = new HashMap<>();
    Map<String, String> surface = new HashMap<>();
    List<List<Token>> tokenized = new ArrayList<>();
    for (StoredDocument d : documents) {
      List<Token> tokens = analyzer.tokens(d.text());
      tokenized.add(tokens);
      Set<String> seen = new LinkedHashSet<>();
      for (Token t : tokens) {
        if (seen.add(t.term())) {
          df.merge(t.term(), 1, Integer::sum);
          surface.putIfAbsent(t.term(), t.surface());
        }
      }
    }
    List<String> words = new ArrayList<>(df.keySet());
    words.sort(Comparator.comparing((String t) -> -df.get(t)).thenComparing(t -> t));
    List<Query> out = new ArrayList<>();
    for (int i = 0; i < perKind; i++) {
      // Spread single words over the frequency range: common, middling and rare.
      int rank =
          (int)
              Math.min(
                  words.size() - 1, Math.floor(Math.pow(random.nextDouble(), 3) * words.size()));
      out.add(new Query("single", surface.get(words.get(rank)), ""));
      out.add(
          new Query(
              "several",
              word(words, surface, random)
                  + " "
                  + word(words, surface, random)
                  + (i % 2 == 0 ? " " + word(words, surface, random) : ""),
              ""));
      out.add(
          new Query("phrase", "\"" + phrase(tokenized, documents, random, 2 + i % 2) + "\"", ""));
      out.add(
          new Query(
              "exclusion",
              (i % 2 == 0 ? "+" : "")
                  + word(words, surface, random)
                  + " -"
                  + word(words, surface, random),
              ""));
      out.add(
          new Query(
              "boolean",
              word(words, surface, random)
                  + (i % 3 == 0 ? " AND " : i % 3 == 1 ? " OR " : " AND NOT ")
                  + word(words, surface, random),
              ""));
      out.add(
          new Query(
              "filter",
              word(words, surface, random) + " " + word(words, surface, random),
              i % 2 == 0 ? "headline" : "article"));
      if (i % 5 == 0) {
        String w = surface.get(words.get(random.nextInt(Math.min(words.size(), 400))));
        if (w.length() >= 4) {
          out.add(new Query("prefix", w.substring(0, 4) + "*", ""));
        }
      }
    }
    return out;
  }

  private static String word(List<String> words, Map<String, String> surface, Random random) {
    int rank =
        (int)
            Math.min(words.size() - 1, Math.floor(Math.pow(random.nextDouble(), 2) * words.size()));
    return surface.get(words.get(rank));
  }

  /** A run of {@code length} consecutive words of some document, as written. */
  private static String phrase(
      List<List<Token>> tokenized, List<StoredDocument> documents, Random random, int length) {
    while (true) {
      int d = random.nextInt(documents.size());
      List<Token> tokens = tokenized.get(d);
      if (tokens.size() < length) {
        continue;
      }
      int start = random.nextInt(tokens.size() - length + 1);
      Token first = tokens.get(start);
      Token last = tokens.get(start + length - 1);
      String text = documents.get(d).text().substring(first.startOffset(), last.endOffset());
      if (!text.contains("\"") && !text.contains("\n")) {
        return text;
      }
    }
  }
}
