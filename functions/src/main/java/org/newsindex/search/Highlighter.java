package org.newsindex.search;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.newsindex.analysis.TextAnalyzer;
import org.newsindex.analysis.Token;

/**
 * Picks the passage of a document that best matches a query (the sentence with the most distinct
 * query terms, not simply the first) and marks the matching words with {@code <em>}. Everything
 * else is HTML-escaped, so a document's own markup is shown as text and can never inject any.
 */
public final class Highlighter {
  public static final int MAX_SNIPPET_CHARS = 260;
  private static final int LEAD_CHARS = 60;

  private final TextAnalyzer analyzer;

  public Highlighter(TextAnalyzer analyzer) {
    this.analyzer = analyzer;
  }

  public String snippet(String text, Set<String> terms) {
    List<Token> matches = new ArrayList<>();
    for (Token t : analyzer.tokens(text)) {
      if (terms.contains(t.term())) {
        matches.add(t);
      }
    }
    int[] passage = bestPassage(text, matches);
    int start = passage[0];
    int end = passage[1];
    if (end - start > MAX_SNIPPET_CHARS) {
      int firstMatch =
          matches.stream()
              .mapToInt(Token::startOffset)
              .filter(o -> o >= passage[0] && o < passage[1])
              .findFirst()
              .orElse(start);
      start = Math.max(start, wordStart(text, Math.max(start, firstMatch - LEAD_CHARS)));
      end = Math.min(end, wordEnd(text, Math.min(end, start + MAX_SNIPPET_CHARS)));
    }
    StringBuilder out = new StringBuilder();
    if (start > 0 && passage[0] < start) {
      out.append('…');
    }
    int at = start;
    for (Token m : matches) {
      if (m.startOffset() < at || m.endOffset() > end) {
        continue;
      }
      escape(text, at, m.startOffset(), out);
      out.append("<em>");
      escape(text, m.startOffset(), m.endOffset(), out);
      out.append("</em>");
      at = m.endOffset();
    }
    escape(text, at, end, out);
    if (end < passage[1]) {
      out.append('…');
    }
    return out.toString().strip();
  }

  /**
   * The sentence with the most distinct matching terms (then the most matches, then the earliest);
   * a text short enough to show whole is its own passage.
   */
  private static int[] bestPassage(String text, List<Token> matches) {
    if (text.length() <= MAX_SNIPPET_CHARS) {
      return new int[] {0, text.length()};
    }
    BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ENGLISH);
    sentences.setText(text);
    int[] best = null;
    int bestDistinct = -1;
    int bestCount = -1;
    int start = sentences.first();
    for (int end = sentences.next();
        end != BreakIterator.DONE;
        start = end, end = sentences.next()) {
      Set<String> distinct = new HashSet<>();
      int count = 0;
      for (Token m : matches) {
        if (m.startOffset() >= start && m.endOffset() <= end) {
          distinct.add(m.term());
          count++;
        }
      }
      if (distinct.size() > bestDistinct
          || (distinct.size() == bestDistinct && count > bestCount)) {
        best = new int[] {start, end};
        bestDistinct = distinct.size();
        bestCount = count;
      }
    }
    return best == null ? new int[] {0, text.length()} : best;
  }

  private static int wordStart(String text, int at) {
    int i = at;
    while (i > 0 && !Character.isWhitespace(text.charAt(i - 1)) && at - i < 20) {
      i--;
    }
    return at - i >= 20 ? at : i;
  }

  private static int wordEnd(String text, int at) {
    int i = at;
    while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && i - at < 20) {
      i++;
    }
    return i;
  }

  /** Appends text[from, to) with HTML's special characters escaped. */
  static void escape(String text, int from, int to, StringBuilder out) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        case '\n' -> out.append(' ');
        default -> out.append(c);
      }
    }
  }
}
