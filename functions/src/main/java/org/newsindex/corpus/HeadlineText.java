package org.newsindex.corpus;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The normalized form of a headline that identifies it across files: Unicode-compatibility
 * normalized, lower case, typographic quotes and dashes made plain, whitespace collapsed.
 */
public final class HeadlineText {
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private HeadlineText() {}

  public static String normalize(String headline) {
    String s =
        Normalizer.normalize(headline, Normalizer.Form.NFKC)
            .replace('\u2018', '\'')
            .replace('\u2019', '\'')
            .replace('\u201B', '\'')
            .replace('\u2032', '\'')
            .replace('\u201C', '"')
            .replace('\u201D', '"')
            .replace('\u2013', '-')
            .replace('\u2014', '-')
            .replace('\u2212', '-');
    s = s.toLowerCase(Locale.ROOT).strip();
    return SPACES.matcher(s).replaceAll(" ");
  }
}
