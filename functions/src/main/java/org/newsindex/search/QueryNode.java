package org.newsindex.search;

import java.util.List;

/**
 * A parsed query: immutable values, in the shape of Lucene's queries so that the two can be
 * compared.
 */
public sealed interface QueryNode {

  /** Documents containing an analyzed term, scored by BM25. */
  record Term(String term) implements QueryNode {}

  /**
   * Documents containing the terms at these relative positions (gaps where stop words were), scored
   * by BM25.
   */
  record Phrase(List<String> terms, List<Integer> positions) implements QueryNode {
    public Phrase {
      terms = List.copyOf(terms);
      positions = List.copyOf(positions);
    }
  }

  /**
   * Documents containing any indexed term that starts with the prefix; a constant score of 1, as
   * Lucene's prefix query.
   */
  record Prefix(String prefix) implements QueryNode {}

  /** A boolean combination of clauses; the score is the sum of the matching scoring clauses. */
  record Bool(List<Clause> clauses) implements QueryNode {
    public Bool {
      clauses = List.copyOf(clauses);
    }
  }

  /** One clause of a boolean query. */
  record Clause(Occur occur, QueryNode node) {}
}
