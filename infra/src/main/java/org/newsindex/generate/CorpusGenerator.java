package org.newsindex.generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes synthetic corpus files in the seed format: an article of 5 to 10 paragraphs of sentences
 * whose words follow a Zipf distribution over the vocabulary, two blank lines, then 10 to 25
 * headlines drawn (again by Zipf, so some recur in many files) from a shared pool. Files are
 * published over a year, dated in turn by a date in the key, by {@code published} metadata, or by
 * when S3 stores them. The same seed always writes the same files.
 */
public final class CorpusGenerator {
  private static final double WORD_EXPONENT = 1.05;
  private static final double HEADLINE_EXPONENT = 0.9;
  private static final int MADE_UP_WORDS = 40_000;

  /** Headlines skip the most frequent words (mostly function words), as real headlines do. */
  private static final int HEADLINE_SKIP = 25;

  private final Vocabulary vocabulary;
  private final ZipfSampler words;
  private final ZipfSampler headlineWords;
  private final List<String> headlinePool;
  private final ZipfSampler headlines;
  private final long seed;

  /**
   * A generator for corpora of about {@code articles} files, learning its vocabulary from the seed
   * texts.
   */
  public CorpusGenerator(List<String> seedTexts, int articles, long seed) {
    this.seed = seed;
    this.vocabulary = Vocabulary.learn(seedTexts, MADE_UP_WORDS, seed);
    this.words = new ZipfSampler(vocabulary.size(), WORD_EXPONENT);
    this.headlineWords = new ZipfSampler(vocabulary.size() - HEADLINE_SKIP, WORD_EXPONENT);
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    int poolSize = Math.max(50, articles * 3);
    Set<String> pool = new LinkedHashSet<>();
    while (pool.size() < poolSize) {
      pool.add(headline(random));
    }
    this.headlinePool = new ArrayList<>(pool);
    this.headlines = new ZipfSampler(headlinePool.size(), HEADLINE_EXPONENT);
  }

  /** The text of file number {@code index}; independent of which other files are generated. */
  public String file(int index) {
    SplittableRandom random = new SplittableRandom(seed * 31 + index);
    StringBuilder out = new StringBuilder();
    int paragraphs = 5 + random.nextInt(6);
    for (int p = 0; p < paragraphs; p++) {
      int sentences = 2 + random.nextInt(4);
      for (int s = 0; s < sentences; s++) {
        if (s > 0) {
          out.append(' ');
        }
        out.append(sentence(random));
      }
      out.append('\n');
    }
    out.append("\n\n");
    int count = 10 + random.nextInt(16);
    Set<String> chosen = new LinkedHashSet<>();
    while (chosen.size() < count) {
      chosen.add(headlinePool.get(headlines.next(random)));
    }
    chosen.forEach(h -> out.append(h).append('\n'));
    return out.toString();
  }

  /** The first day generated files are published on; they spread over the year from it. */
  public static final java.time.Instant FIRST_DAY = java.time.Instant.parse("2025-12-01T00:00:00Z");

  /** The name of the file {@link #write} puts beside the files: each key and its metadata. */
  public static final String PUBLISHED_FILE = "published.tsv";

  /**
   * How file number {@code index} is dated, in turn: by a date in its key, by its {@code published}
   * metadata, or by neither (it is published when S3 stores it).
   */
  public enum Dating {
    KEY,
    METADATA,
    STORED
  }

  public Dating dating(int index) {
    return Dating.values()[index % 3];
  }

  /**
   * When file number {@code index} was published, somewhere in the year from {@link #FIRST_DAY}:
   * midnight for a key date, to the second for metadata; empty when S3's time decides.
   */
  public java.util.Optional<java.time.Instant> published(int index) {
    long second = new SplittableRandom(seed * 977 + index).nextLong(365L * 86_400);
    java.time.Instant at = FIRST_DAY.plusSeconds(second);
    return switch (dating(index)) {
      case KEY -> java.util.Optional.of(at.truncatedTo(java.time.temporal.ChronoUnit.DAYS));
      case METADATA -> java.util.Optional.of(at);
      case STORED -> java.util.Optional.empty();
    };
  }

  /** The user metadata file number {@code index} is uploaded with. */
  public java.util.Map<String, String> metadata(int index) {
    return dating(index) == Dating.METADATA
        ? java.util.Map.of("published", published(index).orElseThrow().toString())
        : java.util.Map.of();
  }

  /** The S3 key file number {@code index} is written under (with its date, if dated by key). */
  public String key(int index) {
    String hex =
        HexFormat.of()
            .toHexDigits(new SplittableRandom(seed * 131 + index).nextLong())
            .substring(0, 16);
    if (dating(index) == Dating.KEY) {
      java.time.LocalDate day =
          published(index).orElseThrow().atZone(java.time.ZoneOffset.UTC).toLocalDate();
      return String.format(
          "gen/%04d/%02d/%02d/%06d_%s.txt",
          day.getYear(), day.getMonthValue(), day.getDayOfMonth(), index, hex);
    }
    return String.format("gen/%06d_%s.txt", index, hex);
  }

  /**
   * Writes files 0..n-1 under {@code dir} (keys become relative paths); returns the paths written.
   */
  public List<Path> write(Path dir, int n) throws IOException {
    List<Path> written = new ArrayList<>();
    StringBuilder published = new StringBuilder();
    for (int i = 0; i < n; i++) {
      Path path = dir.resolve(key(i));
      Files.createDirectories(path.getParent());
      Files.writeString(path, file(i), StandardCharsets.UTF_8);
      written.add(path);
      String value = metadata(i).get("published");
      if (value != null) {
        published.append(key(i)).append('\t').append(value).append('\n');
      }
    }
    Files.writeString(dir.resolve(PUBLISHED_FILE), published.toString(), StandardCharsets.UTF_8);
    return written;
  }

  private String sentence(SplittableRandom random) {
    int length = 8 + random.nextInt(18);
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      String word = vocabulary.word(words.next(random));
      if (i == 0) {
        word = capitalize(word);
      } else {
        s.append(' ');
      }
      s.append(word);
      if (i < length - 1 && random.nextInt(12) == 0) {
        s.append(',');
      }
    }
    return s.append('.').toString();
  }

  private String headline(SplittableRandom random) {
    int length = 6 + random.nextInt(9);
    StringBuilder h = new StringBuilder();
    for (int i = 0; i < length; i++) {
      if (i > 0) {
        h.append(' ');
      }
      h.append(capitalize(vocabulary.word(HEADLINE_SKIP + headlineWords.next(random))));
    }
    return h.toString();
  }

  private static String capitalize(String word) {
    return word.isEmpty()
        ? word
        : word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
  }
}
