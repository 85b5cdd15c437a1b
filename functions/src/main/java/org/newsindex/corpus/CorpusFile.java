package org.newsindex.corpus;

import java.util.List;
import java.util.Optional;

/**
 * One corpus file, parsed: its article (absent when the file lists headlines only), the headlines
 * it lists, and warnings about what the parser had to assume.
 */
public record CorpusFile(Optional<Article> article, List<String> headlines, List<String> warnings) {

  public CorpusFile {
    headlines = List.copyOf(headlines);
    warnings = List.copyOf(warnings);
  }

  /** An article: its paragraphs, one per line of the file, and its title (its first sentence). */
  public record Article(String title, List<String> paragraphs) {
    public Article {
      paragraphs = List.copyOf(paragraphs);
    }

    /** The article's text as indexed and stored: its paragraphs, one per line. */
    public String text() {
      return String.join("\n", paragraphs);
    }
  }
}
