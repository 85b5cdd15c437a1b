package org.newsindex.search;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.newsindex.index.Bm25;
import org.newsindex.index.TermDirectory;

/**
 * The first stage of a search: what the query needs read and how it scores. Its prefixes expanded
 * to indexed terms, every term's directory (the cost of its postings and its chunks' bounds), and
 * the statistics BM25 scores with: the corpus's, or those a cursor carries so that every page of a
 * search scores alike.
 *
 * @param query the parsed query
 * @param scored the terms whose statistics a cursor carries, in the order it carries them
 * @param expansions each prefix's indexed terms
 * @param terms every term whose postings matter
 * @param positive the terms that can make a document match (not those only excluded)
 * @param directories each term's directory, and that of all documents
 * @param docCount the number of documents BM25 scores with
 * @param sumLength their summed length
 * @param docFreqs each term's document frequency BM25 scores with
 * @param bm25 the scorer of those statistics
 */
record QueryPlan(
    QueryNode.Bool query,
    List<String> scored,
    Map<String, List<String>> expansions,
    Set<String> terms,
    Set<String> positive,
    Map<String, TermDirectory> directories,
    long docCount,
    long sumLength,
    Map<String, Long> docFreqs,
    Bm25 bm25) {

  /**
   * Plans the query: reads its prefixes' expansions and the directories not already {@code known},
   * refusing a query whose terms the budget cannot look up.
   */
  static QueryPlan of(
      SearchRun run,
      QueryNode.Bool query,
      List<String> scored,
      Optional<SearchCursor> cursor,
      Map<String, TermDirectory> known) {
    ReadAllowance allowance = run.allowance;
    Map<String, List<String>> expansions = PrefixExpansions.read(query, run.postings, allowance);
    Set<String> terms = QueryEvaluator.terms(query, expansions);
    Set<String> positive = QueryEvaluator.positiveTerms(query, expansions);
    Set<String> wanted = new HashSet<>(terms);
    wanted.add(TermDirectory.ALL_DOCUMENTS);
    Set<String> unread = new HashSet<>(wanted);
    unread.removeAll(known.keySet());
    if (!allowance.affords(unread.size(), unread.size() * ReadAllowance.UNITS_PER_ITEM)) {
      throw tooManyTerms(run, expansions, wanted.size());
    }
    allowance.checkTime();
    Map<String, TermDirectory> directories = new HashMap<>(known);
    directories.putAll(run.postings.directories(unread, false, allowance.deadline()));
    TermDirectory all =
        directories.getOrDefault(
            TermDirectory.ALL_DOCUMENTS, TermDirectory.empty(TermDirectory.ALL_DOCUMENTS));
    long docCount = cursor.map(SearchCursor::docCount).orElse((long) all.docFreq());
    long sumLength = cursor.map(SearchCursor::sumLength).orElse(all.tfSum());
    run.reservePage(docCount == 0 ? 1 : (double) sumLength / docCount);
    if (allowance.overspent()) {
      throw tooManyTerms(run, expansions, wanted.size());
    }
    Map<String, Long> docFreqs = new HashMap<>();
    for (String term : terms) {
      docFreqs.put(
          term,
          (long) Optional.ofNullable(directories.get(term)).map(TermDirectory::docFreq).orElse(0));
    }
    for (int i = 0; i < scored.size() && cursor.isPresent(); i++) {
      docFreqs.put(scored.get(i), cursor.get().docFreqs().get(i));
    }
    return new QueryPlan(
        query,
        scored,
        expansions,
        terms,
        positive,
        directories,
        docCount,
        sumLength,
        docFreqs,
        new Bm25(docCount, sumLength));
  }

  TermDirectory directory(String term) {
    return directories.getOrDefault(term, TermDirectory.empty(term));
  }

  /** The document frequencies a cursor carries, in the order of {@link #scored}. */
  List<Long> scoredDocFreqs() {
    return scored.stream().map(t -> docFreqs.getOrDefault(t, 0L)).toList();
  }

  private static QueryTooBroadException tooManyTerms(
      SearchRun run, Map<String, List<String>> expansions, int directories) {
    String broadest =
        expansions.entrySet().stream()
            .sorted(
                Comparator.comparingInt((Map.Entry<String, List<String>> e) -> e.getValue().size())
                    .reversed())
            .limit(3)
            .map(e -> "'" + e.getKey() + "*' " + e.getValue().size())
            .collect(Collectors.joining(", "));
    return new QueryTooBroadException(
        "q stands for "
            + (directories - 1)
            + " indexed terms"
            + (broadest.isEmpty() ? "" : " (its prefixes expand to " + broadest + ")")
            + ", more than a search can read within "
            + run.budgetText()
            + "; use longer prefixes or fewer of them");
  }
}
