package org.newsindex.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.apache.lucene.util.PriorityQueue;
import org.newsindex.analysis.Token;
import org.newsindex.index.DocKind;

/**
 * Picks the words that characterize a document as Lucene's {@code MoreLikeThis} does: each word of
 * the document (its first {@value #MAX_TOKENS_PARSED} tokens) with at least {@code minTermFreq}
 * occurrences and in at least {@code minDocFreq} documents, weighted by its frequency in the
 * document times its classic idf ({@code 1 + ln((docCount + 1) / (docFreq + 1))}), the best {@code
 * maxQueryTerms} kept. The words are gathered in a {@link HashMap} in token order and ranked in
 * Lucene's priority queue, so ties are broken exactly as Lucene breaks them. An OR query of the
 * words, scored by BM25, finds the related documents.
 */
public final class MoreLikeThis {
  /** Lucene's {@code DEFAULT_MAX_NUM_TOKENS_PARSED}. */
  public static final int MAX_TOKENS_PARSED = 5000;

  /** Lucene's defaults, used for articles. */
  public static final Parameters ARTICLE = new Parameters(2, 5, 25);

  /**
   * For headlines: a headline's words occur once each, so Lucene's minimum term frequency of 2
   * would leave none; every other value is Lucene's default.
   */
  public static final Parameters HEADLINE = new Parameters(1, 5, 25);

  /** The three parameters of Lucene's {@code MoreLikeThis} that decide which words are used. */
  public record Parameters(int minTermFreq, int minDocFreq, int maxQueryTerms) {}

  /** A chosen word and its weight. */
  public record Word(String term, float score) {}

  private MoreLikeThis() {}

  public static Parameters parameters(DocKind kind) {
    return kind == DocKind.HEADLINE ? HEADLINE : ARTICLE;
  }

  /** The document's terms with their frequencies, in Lucene's order of gathering. */
  public static Map<String, int[]> termFrequencies(List<Token> tokens) {
    Map<String, int[]> freqs = new HashMap<>();
    int parsed = 0;
    for (Token t : tokens) {
      if (++parsed > MAX_TOKENS_PARSED) {
        break;
      }
      freqs.computeIfAbsent(t.term(), k -> new int[1])[0]++;
    }
    return freqs;
  }

  /** The terms whose document frequency the choice needs: those frequent enough in the document. */
  public static List<String> candidates(Map<String, int[]> freqs, Parameters p) {
    List<String> out = new ArrayList<>();
    freqs.forEach(
        (term, tf) -> {
          if (p.minTermFreq() <= 0 || tf[0] >= p.minTermFreq()) {
            out.add(term);
          }
        });
    return out;
  }

  /** The chosen words, best first. */
  public static List<Word> choose(
      Map<String, int[]> freqs, Parameters p, ToLongFunction<String> docFreq, long docCount) {
    int limit = Math.min(p.maxQueryTerms(), freqs.size());
    if (limit <= 0) {
      return List.of();
    }
    PriorityQueue<Word[]> queue =
        new PriorityQueue<>(limit) {
          @Override
          protected boolean lessThan(Word[] a, Word[] b) {
            return a[0].score() < b[0].score();
          }
        };
    for (Map.Entry<String, int[]> e : freqs.entrySet()) {
      int tf = e.getValue()[0];
      if (p.minTermFreq() > 0 && tf < p.minTermFreq()) {
        continue;
      }
      long df = docFreq.applyAsLong(e.getKey());
      if ((p.minDocFreq() > 0 && df < p.minDocFreq()) || df == 0) {
        continue;
      }
      float idf = (float) (Math.log((docCount + 1) / (double) (df + 1)) + 1.0);
      float score = tf * idf;
      if (queue.size() < limit) {
        queue.add(new Word[] {new Word(e.getKey(), score)});
      } else if (queue.top()[0].score() < score) {
        queue.top()[0] = new Word(e.getKey(), score);
        queue.updateTop();
      }
    }
    List<Word> out = new ArrayList<>();
    Word[] w;
    while ((w = queue.pop()) != null) {
      out.add(w[0]);
    }
    Collections.reverse(out);
    return out;
  }
}
