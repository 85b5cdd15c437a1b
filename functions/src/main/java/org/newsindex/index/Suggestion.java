package org.newsindex.index;

import java.util.Optional;

/**
 * An autocomplete candidate: a word as users write it, or a headline title, with how common it is.
 */
public record Suggestion(String text, String type, long count, Optional<String> documentId) {
  public static final String WORD = "word";
  public static final String HEADLINE = "headline";
}
