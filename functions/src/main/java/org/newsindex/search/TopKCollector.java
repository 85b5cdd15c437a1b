package org.newsindex.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.newsindex.analysis.AnalyzedText;
import org.newsindex.analysis.TextAnalyzer;
import org.newsindex.index.PostingEntry;
import org.newsindex.index.StoredDocument;

/**
 * The second stage of a search: collects the top k matches of a planned query, in result order.
 * Each term's postings are read up to the tracking horizon; then, in turn, candidates whose terms
 * are not all known are completed from their stored text (best upper bound first, as long as it can
 * beat the k-th score), and, when sorting by relevance, further chunks are read while an unseen
 * document could still beat the k-th score, or while reading the rest of the lists costs fewer read
 * units than completing the candidates that wait (a phrase of common words that fewer than k
 * documents hold bounds nothing, so every document holding its words must be seen). The read
 * budget, {@link #MAX_RESOLVED} completed documents and {@link SearchRun#READ_AHEAD} times the
 * horizon stop it early: the result then says it is not exact. Everything it knows lives here: the
 * lists read, the candidates, which are settled and their scores.
 */
final class TopKCollector {
  private static final int RESOLVE_BATCH = 100;
  private static final int MAX_RESOLVED = 2_000;

  private final SearchRun run;
  private final QueryPlan plan;
  private final ResultOrder order;
  private final CandidateFilter filter;
  private final TextAnalyzer analyzer;
  private final int horizon;
  private final PostingReader reader;
  private final QueryEvaluator evaluator;

  private final Map<String, TermPostings> lists = new LinkedHashMap<>();

  /** How many entries of each list have been turned into candidates. */
  private final Map<String, Integer> consumed = new HashMap<>();

  private final Map<Long, Candidate> candidates = new HashMap<>();

  /** Entries of terms that can only exclude a document, kept for candidates seen later. */
  private final Map<String, Map<Long, int[]>> excluding = new HashMap<>();

  /** The candidates whose every term is known (a subset of {@link #candidates}). */
  private final Set<Long> settled = new HashSet<>();

  /** The score of each settled candidate that matches. */
  private final Map<Long, Float> scores = new HashMap<>();

  private int resolved;

  /** Whether the budget refused the rest of the lists, so candidates are completed instead. */
  private boolean listsBeyondBudget;

  private boolean stoppedByBudget;
  private boolean truncated;

  TopKCollector(
      SearchRun run,
      QueryPlan plan,
      ResultOrder order,
      CandidateFilter filter,
      TextAnalyzer analyzer,
      int horizon) {
    this.run = run;
    this.plan = plan;
    this.order = order;
    this.filter = filter;
    this.analyzer = analyzer;
    this.horizon = horizon;
    this.reader = new PostingReader(run.postings, run.allowance);
    for (String term : plan.terms()) {
      lists.put(term, new TermPostings(plan.directory(term)));
    }
    QueryEvaluator.Lists listState =
        new QueryEvaluator.Lists() {
          @Override
          public boolean complete(String term) {
            TermPostings l = lists.get(term);
            return l == null || l.complete();
          }

          @Override
          public double unreadBound(String term) {
            TermPostings l = lists.get(term);
            return l == null ? 0 : l.unreadBound(plan.bm25().avgLength());
          }
        };
    this.evaluator =
        new QueryEvaluator(
            plan.query(), plan.bm25(), plan.docFreqs(), plan.expansions(), listState);
  }

  Collected collect() {
    if (!reader.readUntil(lists.values(), horizon)) {
      stoppedByBudget = true;
      truncated = true;
      if (plan.positive().stream().allMatch(t -> lists.get(t).entries().isEmpty())) {
        throw tooManyPostings();
      }
    }
    absorb();
    int k = run.request.limit() + 1;
    while (!stoppedByBudget) {
      settle();
      List<Long> ranked = order.ranked(scores, candidates);
      double kth =
          order.byRelevance() && ranked.size() >= k
              ? scores.get(ranked.get(k - 1))
              : Double.NEGATIVE_INFINITY;
      Step step = resolveWorthwhile(kth);
      if (step == Step.AGAIN) {
        continue;
      }
      if (step == Step.READ_LISTS) {
        if (reader.readRest(lists.values())) {
          absorb();
        } else {
          listsBeyondBudget = true;
        }
        continue;
      }
      if (step == Step.STOP) {
        break;
      }
      boolean incomplete = plan.positive().stream().anyMatch(t -> !lists.get(t).complete());
      if (incomplete && order.byRelevance() && evaluator.unseenBound() >= kth && !readFarEnough()) {
        if (reader.readNext(lists.values())) {
          absorb();
          continue;
        }
        stoppedByBudget = true;
      }
      truncated |= incomplete;
      break;
    }
    settle();
    List<Long> ranked = order.ranked(scores, candidates);
    boolean exact = !truncated && settled.size() == candidates.size(); // settled ⊆ candidates
    return new Collected(candidates, scores, ranked, exact, stoppedByBudget);
  }

  private enum Step {
    /** Something was resolved: look again. */
    AGAIN,
    /**
     * Nothing is worth resolving, or {@link #MAX_RESOLVED} were (the result is then not exact):
     * read further if that can help.
     */
    TRY_READING,
    /** The budget cannot pay for a document that could make the page. */
    STOP,
    /**
     * Reading the rest of the lists costs fewer read units than completing the candidates that
     * could make the page from their documents (a phrase of common words that few documents hold):
     * read them all, in one batch.
     */
    READ_LISTS
  }

  /**
   * Completes the pending candidates that could still beat the k-th score, best upper bound first,
   * a batch at a time.
   */
  private Step resolveWorthwhile(double kth) {
    List<Candidate> pending =
        candidates.values().stream()
            .filter(c -> !settled.contains(c.ord) && filter.accepts(c))
            .toList();
    if (pending.isEmpty()) {
      return Step.TRY_READING;
    }
    if (resolved >= MAX_RESOLVED) {
      truncated = true;
      return Step.TRY_READING;
    }
    List<Candidate> worthy =
        pending.stream()
            .map(c -> Map.entry(c, evaluator.upperBound(c)))
            .filter(e -> e.getValue() >= kth)
            .sorted(Map.Entry.<Candidate, Double>comparingByValue().reversed())
            .map(Map.Entry::getKey)
            .toList();
    if (worthy.isEmpty()) {
      return Step.TRY_READING;
    }
    if (order.byRelevance() && !listsBeyondBudget && unreadListUnits() < documentUnits(worthy)) {
      return Step.READ_LISTS;
    }
    List<Candidate> worth = worthy.stream().limit(RESOLVE_BATCH).toList();
    List<Candidate> affordable = affordable(worth);
    if (affordable.isEmpty()) {
      stoppedByBudget = true;
      truncated = true;
      return Step.STOP;
    }
    resolve(affordable);
    resolved += affordable.size();
    return Step.AGAIN;
  }

  private boolean readFarEnough() {
    int longest = lists.values().stream().mapToInt(l -> l.entries().size()).max().orElse(0);
    return longest >= horizon * SearchRun.READ_AHEAD;
  }

  /**
   * Turns newly read entries into candidates: entries of terms that can make a document match
   * create candidates; entries of terms that can only exclude one are kept to annotate them.
   */
  private void absorb() {
    lists.forEach(
        (term, l) -> {
          List<PostingEntry> entries = l.entries();
          for (int i = consumed.getOrDefault(term, 0); i < entries.size(); i++) {
            PostingEntry e = entries.get(i);
            Candidate c = candidates.get(e.ord());
            if (c == null && plan.positive().contains(term)) {
              c = Candidate.of(e);
              candidates.put(e.ord(), c);
              for (Map.Entry<String, Map<Long, int[]>> x : excluding.entrySet()) {
                int[] p = x.getValue().get(e.ord());
                if (p != null) {
                  c.put(x.getKey(), p);
                }
              }
            }
            if (c != null) {
              c.put(term, e.positions());
            } else {
              excluding.computeIfAbsent(term, t -> new HashMap<>()).put(e.ord(), e.positions());
            }
          }
          consumed.put(term, entries.size());
        });
  }

  /** Scores every candidate whose terms have all become known. */
  private void settle() {
    for (Candidate c : candidates.values()) {
      if (!settled.contains(c.ord) && evaluator.known(c)) {
        settled.add(c.ord);
        float s = evaluator.score(c);
        if (!Float.isNaN(s)) {
          scores.put(c.ord, s);
        }
      }
    }
  }

  /** The read units of every chunk not yet read, of every list. */
  private double unreadListUnits() {
    return lists.values().stream().mapToDouble(TermPostings::unreadUnits).sum();
  }

  private static double documentUnits(List<Candidate> batch) {
    return batch.stream().mapToDouble(c -> ReadAllowance.documentUnits(c.kind, c.normByte)).sum();
  }

  /** The first candidates of the batch whose documents the budget can still pay for. */
  private List<Candidate> affordable(List<Candidate> batch) {
    List<Candidate> out = new ArrayList<>();
    double units = 0;
    for (Candidate c : batch) {
      double cost = ReadAllowance.documentUnits(c.kind, c.normByte);
      if (!run.allowance.affords(out.size() + 1, units + cost)) {
        break;
      }
      out.add(c);
      units += cost;
    }
    return out;
  }

  /** Completes candidates from their stored text: every query term becomes known. */
  private void resolve(List<Candidate> batch) {
    run.allowance.checkTime();
    Map<Long, StoredDocument> docs =
        run.documents.documents(
            batch.stream().map(c -> c.ord).toList(), false, run.allowance.deadline());
    for (Candidate c : batch) {
      StoredDocument doc = docs.get(c.ord);
      Map<String, int[]> positions = new HashMap<>();
      if (doc != null) {
        AnalyzedText analyzed = AnalyzedText.of(analyzer.tokens(doc.text()));
        for (String term : plan.terms()) {
          AnalyzedText.Occurrences o = analyzed.terms().get(term);
          if (o != null) {
            positions.put(term, o.positions());
          }
        }
        c.kind = doc.kind();
        c.normByte = doc.normByte();
        c.sources = doc.sourceOrds().stream().mapToInt(Integer::intValue).toArray();
        c.published = doc.published().getEpochSecond();
      }
      c.resolve(positions);
    }
  }

  private QueryTooBroadException tooManyPostings() {
    String broadest =
        plan.positive().stream()
            .map(lists::get)
            .sorted(Comparator.comparingInt((TermPostings l) -> l.directory().docFreq()).reversed())
            .limit(3)
            .map(l -> "'" + l.directory().displayForm() + "' (" + l.directory().docFreq() + ")")
            .collect(Collectors.joining(", "));
    return new QueryTooBroadException(
        "the postings of q's words are more than a search can read within "
            + run.budgetText()
            + "; the most common are "
            + broadest
            + ": add rarer words, or a kind or source filter");
  }
}
