package org.newsindex.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.newsindex.index.PostingStore;
import org.newsindex.index.TermDirectory;

/**
 * The indexed terms each prefix of a query stands for ({@code ukr*}: ukrain, ukrainian...), read
 * within the search's budget: a prefix with more than {@value #MAX_TERMS} terms, or prefixes that
 * together take more reads than the budget allows, are too broad.
 */
final class PrefixExpansions {
  static final int MAX_TERMS = 128;

  private PrefixExpansions() {}

  static Map<String, List<String>> read(
      QueryNode query, PostingStore postings, ReadAllowance allowance) {
    List<String> prefixes = new ArrayList<>();
    collect(query, prefixes);
    Map<String, List<String>> out = new HashMap<>();
    for (String prefix : prefixes) {
      if (out.containsKey(prefix)) {
        continue;
      }
      allowance.checkTime();
      long room = Math.min(MAX_TERMS + 1, allowance.itemsLeft());
      if (room <= 0) {
        throw tooBroad(prefix, out, allowance);
      }
      List<String> read = postings.termsWithPrefix(prefix, (int) room, allowance.deadline());
      List<String> terms =
          read.stream().filter(t -> !TermDirectory.ALL_DOCUMENTS.equals(t)).toList();
      if (terms.size() > MAX_TERMS) {
        throw new QueryTooBroadException(
            "'"
                + prefix
                + "*' matches more than "
                + MAX_TERMS
                + " indexed terms; use a longer prefix");
      }
      out.put(prefix, terms);
      if (allowance.overspent() || (room <= MAX_TERMS && read.size() >= room)) {
        throw tooBroad(prefix, out, allowance);
      }
    }
    return out;
  }

  private static void collect(QueryNode node, List<String> prefixes) {
    if (node instanceof QueryNode.Prefix p) {
      prefixes.add(p.prefix());
    } else if (node instanceof QueryNode.Bool b) {
      b.clauses().forEach(c -> collect(c.node(), prefixes));
    }
  }

  private static QueryTooBroadException tooBroad(
      String prefix, Map<String, List<String>> expanded, ReadAllowance allowance) {
    int terms = expanded.values().stream().mapToInt(List::size).sum();
    return new QueryTooBroadException(
        "the prefixes of q up to '"
            + prefix
            + "*' expand to "
            + terms
            + " terms, more than a search can read within its budget of "
            + allowance.budget().items()
            + " items and "
            + Math.round(allowance.budget().readUnits())
            + " read units; use longer prefixes or fewer of them");
  }
}
