package org.newsindex.corpus;

import java.text.BreakIterator;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the first sentence of a paragraph, for an article's title. The JDK's sentence iterator
 * breaks after every abbreviation ("U.S. Secretary"), so a break after a token that is an
 * abbreviation or an initial is skipped. Linear in the paragraph whatever it holds: only its start
 * is scanned (a title is at most {@value #MAX_TITLE_CHARS} characters), and each break is judged by
 * looking back at most a few characters, with no regular expression.
 */
final class FirstSentence {
  static final int MAX_TITLE_CHARS = 300;

  /** A sentence longer than this is cut to a title anyway, so no more of a paragraph is read. */
  private static final int SCANNED_CHARS = 2_000;

  /** "U.S.", "U.K.", "e.g.", "a.m." and single initials such as "J.", at most this long. */
  private static final int MAX_DOTTED_CHARS = 8;

  private static final Set<String> ABBREVIATIONS =
      Set.of(
          "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt",
          "cmdr", "adm", "st", "jr", "sr", "inc", "corp", "co", "ltd", "vs", "no", "jan", "feb",
          "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "pres",
          "rev", "hon", "est", "approx", "dept");

  private FirstSentence() {}

  static String of(String paragraph) {
    String whole = paragraph.strip();
    String text = whole.length() <= SCANNED_CHARS ? whole : cut(whole, SCANNED_CHARS);
    BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ENGLISH);
    sentences.setText(text);
    int end = sentences.next();
    while (end != BreakIterator.DONE && end < text.length() && endsWithAbbreviation(text, end)) {
      end = sentences.next();
    }
    String sentence = (end == BreakIterator.DONE ? text : text.substring(0, end)).strip();
    if (sentence.length() > MAX_TITLE_CHARS || (end == BreakIterator.DONE && text != whole)) {
      int limit = Math.min(sentence.length(), MAX_TITLE_CHARS - 1);
      int space = sentence.lastIndexOf(' ', limit);
      sentence = cut(sentence, space > MAX_TITLE_CHARS / 2 ? space : limit).strip() + "…";
    }
    return sentence;
  }

  /** The first {@code length} characters, not splitting a surrogate pair. */
  private static String cut(String s, int length) {
    int end = Math.min(length, s.length());
    if (end > 0 && end < s.length() && Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }

  /** Whether the text before {@code end} ends with an abbreviation or initials and its stop. */
  private static boolean endsWithAbbreviation(String text, int end) {
    int last = end - 1;
    while (last >= 0 && Character.isWhitespace(text.charAt(last))) {
      last--;
    }
    if (last < 0 || text.charAt(last) != '.') {
      return false;
    }
    int start = last;
    int lookback = Math.max(0, last - MAX_DOTTED_CHARS - 8);
    while (start > lookback && !Character.isWhitespace(text.charAt(start - 1))) {
      start--;
    }
    if (start > 0 && !Character.isWhitespace(text.charAt(start - 1))) {
      return false; // a token longer than any abbreviation
    }
    String token = text.substring(start, last + 1);
    return isDotted(token)
        || ABBREVIATIONS.contains(token.substring(0, token.length() - 1).toLowerCase(Locale.ROOT));
  }

  /** Letters each followed by a full stop ("U.S.", "J."), at most {@value #MAX_DOTTED_CHARS}. */
  private static boolean isDotted(String token) {
    if (token.length() > MAX_DOTTED_CHARS || token.isEmpty()) {
      return false;
    }
    int i = 0;
    while (i < token.length()) {
      int cp = token.codePointAt(i);
      if (!Character.isLetter(cp)) {
        return false;
      }
      i += Character.charCount(cp);
      if (i >= token.length() || token.charAt(i) != '.') {
        return false;
      }
      i++;
    }
    return true;
  }
}
