package org.newsindex.search;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.newsindex.index.Bm25;

/**
 * Scores documents against a parsed query the way Lucene does: term and phrase clauses by BM25,
 * prefix clauses with a constant 1, boolean clauses by the sum of their matching scoring clauses;
 * required clauses must match, excluded ones must not, and without required clauses at least one
 * optional clause must. Also gives upper bounds for documents of which some terms are not yet
 * known.
 */
final class QueryEvaluator {
  /** What the evaluator needs to know about the posting lists read. */
  interface Lists {
    boolean complete(String term);

    /**
     * Upper bound of tf / (tf + k1 (1 - b + b dl / avgdl)) for unread postings of the term (0 if
     * complete).
     */
    double unreadBound(String term);
  }

  private final QueryNode.Bool query;
  private final Bm25 bm25;
  private final Map<String, Long> docFreqs;
  private final Map<String, List<String>> expansions;
  private final Lists lists;

  QueryEvaluator(
      QueryNode.Bool query,
      Bm25 bm25,
      Map<String, Long> docFreqs,
      Map<String, List<String>> expansions,
      Lists lists) {
    this.query = query;
    this.bm25 = bm25;
    this.docFreqs = docFreqs;
    this.expansions = expansions;
    this.lists = lists;
  }

  /** Every term whose postings matter: terms, phrase terms and prefix expansions. */
  static Set<String> terms(QueryNode node, Map<String, List<String>> expansions) {
    Set<String> out = new LinkedHashSet<>();
    collect(node, expansions, out, true);
    return out;
  }

  /** Terms of clauses that can make a document match (not those only excluded). */
  static Set<String> positiveTerms(QueryNode node, Map<String, List<String>> expansions) {
    Set<String> out = new LinkedHashSet<>();
    collect(node, expansions, out, false);
    return out;
  }

  /**
   * The terms whose document frequency a score depends on, each once, in the order the query names
   * them: those of words and phrases that can make a document match (a prefix scores a constant; an
   * excluded clause only removes documents).
   */
  static List<String> scoredTerms(QueryNode node) {
    Set<String> out = new LinkedHashSet<>();
    collectScored(node, out);
    return List.copyOf(out);
  }

  private static void collectScored(QueryNode node, Set<String> out) {
    if (node instanceof QueryNode.Term t) {
      out.add(t.term());
    } else if (node instanceof QueryNode.Phrase p) {
      out.addAll(p.terms());
    } else if (node instanceof QueryNode.Bool b) {
      for (QueryNode.Clause c : b.clauses()) {
        if (c.occur() != Occur.MUST_NOT) {
          collectScored(c.node(), out);
        }
      }
    }
  }

  private static void collect(
      QueryNode node, Map<String, List<String>> expansions, Set<String> out, boolean excluded) {
    if (node instanceof QueryNode.Term t) {
      out.add(t.term());
    } else if (node instanceof QueryNode.Phrase p) {
      out.addAll(p.terms());
    } else if (node instanceof QueryNode.Prefix p) {
      out.addAll(expansions.getOrDefault(p.prefix(), List.of()));
    } else if (node instanceof QueryNode.Bool b) {
      for (QueryNode.Clause c : b.clauses()) {
        if (excluded || c.occur() != Occur.MUST_NOT) {
          collect(c.node(), expansions, out, excluded);
        }
      }
    }
  }

  /** Whether every term of the query is known for the candidate. */
  boolean known(Candidate c) {
    for (String term : terms(query, expansions)) {
      if (c.positions(term, lists.complete(term)) == null) {
        return false;
      }
    }
    return true;
  }

  /** The candidate's exact score, or NaN if it does not match. Every term must be known. */
  float score(Candidate c) {
    return score(query, c);
  }

  private float score(QueryNode node, Candidate c) {
    if (node instanceof QueryNode.Term t) {
      int[] p = c.positions(t.term(), lists.complete(t.term()));
      return p.length == 0 ? Float.NaN : bm25.score(bm25.idf(df(t.term())), p.length, c.normByte);
    }
    if (node instanceof QueryNode.Phrase p) {
      int freq = phraseFrequency(p, c);
      if (freq == 0) {
        return Float.NaN;
      }
      long[] dfs = p.terms().stream().mapToLong(this::df).toArray();
      return bm25.score(bm25.idf(dfs), freq, c.normByte);
    }
    if (node instanceof QueryNode.Prefix p) {
      for (String term : expansions.getOrDefault(p.prefix(), List.of())) {
        if (c.positions(term, lists.complete(term)).length > 0) {
          return 1f;
        }
      }
      return Float.NaN;
    }
    QueryNode.Bool b = (QueryNode.Bool) node;
    double sum = 0;
    boolean anyMatched = false;
    for (QueryNode.Clause clause : b.clauses()) {
      float s = score(clause.node(), c);
      boolean matched = !Float.isNaN(s);
      switch (clause.occur()) {
        case MUST_NOT -> {
          if (matched) {
            return Float.NaN;
          }
        }
        case MUST -> {
          if (!matched) {
            return Float.NaN;
          }
          sum += s;
          anyMatched = true;
        }
        case SHOULD -> {
          if (matched) {
            sum += s;
            anyMatched = true;
          }
        }
      }
    }
    return anyMatched ? (float) sum : Float.NaN;
  }

  /** An upper bound of the candidate's score, whatever its unknown terms turn out to be. */
  double upperBound(Candidate c) {
    return bound(query, c);
  }

  /** An upper bound of the score of a document not seen in any list read so far. */
  double unseenBound() {
    return bound(query, new Candidate(-1, null, 0, new int[0], 0));
  }

  private double bound(QueryNode node, Candidate c) {
    if (node instanceof QueryNode.Term t) {
      int[] p = c.positions(t.term(), lists.complete(t.term()));
      float weight = bm25.idf(df(t.term()));
      if (p == null) {
        return weight * lists.unreadBound(t.term());
      }
      return p.length == 0 ? 0 : bm25.score(weight, p.length, c.normByte);
    }
    if (node instanceof QueryNode.Phrase p) {
      double f = 1.0;
      boolean allKnown = true;
      for (String term : p.terms()) {
        int[] positions = c.positions(term, lists.complete(term));
        if (positions == null) {
          allKnown = false;
          f = Math.min(f, lists.unreadBound(term));
        } else if (positions.length == 0) {
          return 0;
        }
      }
      float weight = bm25.idf(p.terms().stream().mapToLong(this::df).toArray());
      if (allKnown) {
        int freq = phraseFrequency(p, c);
        return freq == 0 ? 0 : bm25.score(weight, freq, c.normByte);
      }
      return weight * f;
    }
    if (node instanceof QueryNode.Prefix p) {
      for (String term : expansions.getOrDefault(p.prefix(), List.of())) {
        int[] positions = c.positions(term, lists.complete(term));
        if (positions == null || positions.length > 0) {
          return 1.0;
        }
      }
      return 0;
    }
    double sum = 0;
    for (QueryNode.Clause clause : ((QueryNode.Bool) node).clauses()) {
      if (clause.occur() != Occur.MUST_NOT) {
        sum += bound(clause.node(), c);
      }
    }
    return sum * (1 + 1e-6);
  }

  private int phraseFrequency(QueryNode.Phrase p, Candidate c) {
    int[][] positions = new int[p.terms().size()][];
    for (int i = 0; i < positions.length; i++) {
      String term = p.terms().get(i);
      positions[i] = c.positions(term, lists.complete(term));
      if (positions[i].length == 0) {
        return 0;
      }
    }
    int freq = 0;
    int first = p.positions().get(0);
    for (int start : positions[0]) {
      boolean all = true;
      for (int i = 1; i < positions.length && all; i++) {
        int want = start - first + p.positions().get(i);
        all = Arrays.binarySearch(positions[i], want) >= 0;
      }
      if (all) {
        freq++;
      }
    }
    return freq;
  }

  private long df(String term) {
    return docFreqs.getOrDefault(term, 0L);
  }
}
