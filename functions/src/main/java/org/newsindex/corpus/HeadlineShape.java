package org.newsindex.corpus;

/**
 * Whether a line reads like a headline (short, mostly capitalised words, no closing full stop)
 * rather than a paragraph. Only used where a file's blank lines do not say which is which.
 */
final class HeadlineShape {
  private static final int MAX_CHARS = 250;

  private HeadlineShape() {}

  static boolean looksLikeHeadline(String line) {
    String s = line.strip();
    if (s.isEmpty() || s.length() > MAX_CHARS) {
      return false;
    }
    char last = s.charAt(s.length() - 1);
    if (last == '.' || last == ';' || last == ',' || last == ':') {
      return false;
    }
    String[] words = s.split("\\s+");
    if (words.length < 2 || words.length > 30) {
      return false;
    }
    int capitalised = 0;
    int counted = 0;
    for (String word : words) {
      int cp = word.codePoints().filter(Character::isLetterOrDigit).findFirst().orElse(-1);
      if (cp < 0) {
        continue;
      }
      counted++;
      if (Character.isUpperCase(cp) || Character.isDigit(cp)) {
        capitalised++;
      }
    }
    return counted > 0 && capitalised * 10 >= counted * 6;
  }
}
