package org.newsindex.e2e;

/** Small corpus files for tests, in the seed format. */
final class Corpora {
  private Corpora() {}

  /** One paragraph, two blank lines, then the headlines. */
  static String article(String paragraph, String... headlines) {
    StringBuilder out = new StringBuilder(paragraph).append("\n\n\n");
    for (String h : headlines) {
      out.append(h).append('\n');
    }
    return out.toString();
  }
}
