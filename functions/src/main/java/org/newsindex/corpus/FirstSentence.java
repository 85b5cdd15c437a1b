package org.newsindex.corpus;

import java.text.BreakIterator;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the first sentence of a paragraph, for an article's title. The JDK's sentence iterator
 * breaks after every abbreviation ("U.S. Secretary"), so a break after a token that is an
 * abbreviation or an initial is skipped.
 */
final class FirstSentence {
  static final int MAX_TITLE_CHARS = 300;

  private static final Set<String> ABBREVIATIONS =
      Set.of(
          "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt",
          "cmdr", "adm", "st", "jr", "sr", "inc", "corp", "co", "ltd", "vs", "no", "jan", "feb",
          "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "pres",
          "rev", "hon", "est", "approx", "dept");

  /** "U.S.", "U.K.", "e.g.", "a.m." and single initials such as "J.". */
  private static final Pattern DOTTED = Pattern.compile("(?:\\p{L}\\.)+");

  private FirstSentence() {}

  static String of(String paragraph) {
    String text = paragraph.strip();
    BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ENGLISH);
    sentences.setText(text);
    int end = sentences.next();
    while (end != BreakIterator.DONE
        && end < text.length()
        && endsWithAbbreviation(text.substring(0, end))) {
      end = sentences.next();
    }
    String sentence = (end == BreakIterator.DONE ? text : text.substring(0, end)).strip();
    if (sentence.length() > MAX_TITLE_CHARS) {
      int cut = sentence.lastIndexOf(' ', MAX_TITLE_CHARS - 1);
      sentence =
          sentence.substring(0, cut > MAX_TITLE_CHARS / 2 ? cut : MAX_TITLE_CHARS - 1).strip()
              + "…";
    }
    return sentence;
  }

  private static boolean endsWithAbbreviation(String sentence) {
    String trimmed = sentence.strip();
    if (!trimmed.endsWith(".")) {
      return false;
    }
    int space = trimmed.lastIndexOf(' ');
    String last = trimmed.substring(space + 1);
    if (DOTTED.matcher(last).matches() && last.length() <= 8) {
      return true;
    }
    String word = last.substring(0, last.length() - 1).toLowerCase(Locale.ROOT);
    return ABBREVIATIONS.contains(word);
  }
}
