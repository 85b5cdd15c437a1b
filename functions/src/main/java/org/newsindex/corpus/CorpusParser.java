package org.newsindex.corpus;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Parses a corpus file: article paragraphs one per line, one or more blank lines, then other
 * headlines one per line. Every way a file can be unusable ends in a {@link RejectedFileException}
 * with a reason; every assumption made about an irregular but usable file is a warning.
 */
public final class CorpusParser {
  public static final int MAX_HEADLINE_CHARS = 1_000;
  public static final int MAX_HEADLINES = 5_000;

  private final int maxArticleBytes;

  public CorpusParser(int maxArticleBytes) {
    this.maxArticleBytes = maxArticleBytes;
  }

  public CorpusFile parse(byte[] bytes) throws RejectedFileException {
    if (bytes.length == 0) {
      throw new RejectedFileException("the file is empty");
    }
    String text = TextDecoder.decode(bytes);
    if (text.indexOf('\u0000') >= 0) {
      throw new RejectedFileException("the file is binary, not text (it contains NUL characters)");
    }
    if (text.isBlank()) {
      throw new RejectedFileException("the file contains only whitespace");
    }
    List<String> lines = List.of(text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1));
    List<List<String>> blocks = blocks(lines);
    List<String> warnings = new ArrayList<>();
    List<String> paragraphs = new ArrayList<>();
    List<String> headlines = new ArrayList<>();

    if (blocks.size() == 1) {
      splitSingleBlock(blocks.get(0), paragraphs, headlines, warnings);
    } else if (blocks.stream()
        .allMatch(b -> b.stream().allMatch(HeadlineShape::looksLikeHeadline))) {
      blocks.forEach(headlines::addAll);
      warnings.add("the file has no article: every line looks like a headline");
    } else {
      paragraphs.addAll(blocks.get(0));
      int next = 1;
      while (next < blocks.size() - 1
          && blocks.get(next).stream().noneMatch(HeadlineShape::looksLikeHeadline)) {
        paragraphs.addAll(blocks.get(next++));
      }
      if (next > 1) {
        warnings.add("paragraphs separated by blank lines were joined into the article");
      }
      for (int i = next; i < blocks.size(); i++) {
        headlines.addAll(blocks.get(i));
      }
    }
    return new CorpusFile(article(paragraphs), checkedHeadlines(headlines, warnings), warnings);
  }

  private Optional<CorpusFile.Article> article(List<String> paragraphs)
      throws RejectedFileException {
    if (paragraphs.isEmpty()) {
      return Optional.empty();
    }
    CorpusFile.Article article =
        new CorpusFile.Article(FirstSentence.of(paragraphs.get(0)), paragraphs);
    long size = utf8Length(article.text());
    if (size > maxArticleBytes) {
      throw new RejectedFileException(
          String.format(
              "the article is %,d bytes of text; articles are limited to %,d bytes"
                  + " (MAX_ARTICLE_BYTES)",
              size, maxArticleBytes));
    }
    return Optional.of(article);
  }

  private static List<String> checkedHeadlines(List<String> headlines, List<String> warnings)
      throws RejectedFileException {
    if (headlines.size() > MAX_HEADLINES) {
      throw new RejectedFileException(
          String.format(
              "the file lists %,d headlines; a file may list at most %,d",
              headlines.size(), MAX_HEADLINES));
    }
    Set<String> seen = new LinkedHashSet<>();
    List<String> unique = new ArrayList<>();
    for (String headline : headlines) {
      if (headline.length() > MAX_HEADLINE_CHARS) {
        throw new RejectedFileException(
            String.format(
                "a headline is %,d characters long (it starts \"%s…\"); headlines are limited to"
                    + " %,d characters",
                headline.length(), headline.substring(0, 40), MAX_HEADLINE_CHARS));
      }
      if (seen.add(HeadlineText.normalize(headline))) {
        unique.add(headline);
      }
    }
    if (unique.size() < headlines.size()) {
      warnings.add((headlines.size() - unique.size()) + " repeated headline(s) were listed once");
    }
    return unique;
  }

  /**
   * One block of lines with no blank line: an article, headlines, or an article run into its
   * headlines.
   */
  private static void splitSingleBlock(
      List<String> block, List<String> paragraphs, List<String> headlines, List<String> warnings) {
    int firstHeadline = block.size();
    while (firstHeadline > 0 && HeadlineShape.looksLikeHeadline(block.get(firstHeadline - 1))) {
      firstHeadline--;
    }
    int trailing = block.size() - firstHeadline;
    if (trailing >= 2 && firstHeadline == 0) {
      headlines.addAll(block);
      warnings.add("the file has no article: every line looks like a headline");
    } else if (trailing >= 2) {
      paragraphs.addAll(block.subList(0, firstHeadline));
      headlines.addAll(block.subList(firstHeadline, block.size()));
      warnings.add(
          "no blank line separates the article from its headlines; the last "
              + trailing
              + " lines look like headlines and were read as headlines");
    } else {
      paragraphs.addAll(block);
      warnings.add("the file lists no headlines");
    }
  }

  private static List<List<String>> blocks(List<String> lines) {
    List<List<String>> blocks = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (String line : lines) {
      String stripped = line.strip();
      if (stripped.isEmpty()) {
        if (!current.isEmpty()) {
          blocks.add(current);
          current = new ArrayList<>();
        }
      } else {
        current.add(stripped);
      }
    }
    if (!current.isEmpty()) {
      blocks.add(current);
    }
    return blocks;
  }

  private static long utf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }
}
