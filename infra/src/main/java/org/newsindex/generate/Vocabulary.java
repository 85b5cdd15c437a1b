package org.newsindex.generate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words generated text is drawn from, most frequent first: the words of the seed corpus in the
 * order of their frequency there, then a long tail of pronounceable made-up words the vocabulary
 * builds itself, deterministically from a seed, so that generated corpora have a realistic number
 * of rare terms.
 */
final class Vocabulary {
  private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}'’-]*");
  private static final String[] ONSETS = {
    "b", "br", "c", "ch", "cl", "d", "dr", "f", "fl", "g", "gr", "h", "j", "k", "l", "m", "n", "p",
    "pl", "pr", "r", "s", "sh", "st", "t", "th", "tr", "v", "w", "z"
  };
  private static final String[] VOWELS = {"a", "e", "i", "o", "u", "ai", "ea", "io", "ou", "y"};
  private static final String[] CODAS = {
    "", "", "n", "r", "s", "t", "l", "nd", "st", "x", "m", "ck"
  };

  private final List<String> words;

  private Vocabulary(List<String> words) {
    this.words = List.copyOf(words);
  }

  /** The seed texts' words by frequency, then {@code extra} made-up words. */
  static Vocabulary learn(List<String> seedTexts, int extra, long seed) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String text : seedTexts) {
      Matcher m = WORD.matcher(text);
      while (m.find()) {
        counts.merge(m.group().toLowerCase(Locale.ROOT), 1, Integer::sum);
      }
    }
    List<String> ordered = new ArrayList<>(counts.keySet());
    ordered.sort((a, b) -> Integer.compare(counts.get(b), counts.get(a)));
    Set<String> all = new LinkedHashSet<>(ordered);
    SplittableRandom random = new SplittableRandom(seed);
    while (all.size() < ordered.size() + extra) {
      all.add(madeUp(random));
    }
    return new Vocabulary(new ArrayList<>(all));
  }

  private static String madeUp(SplittableRandom random) {
    StringBuilder word = new StringBuilder();
    int syllables = 2 + random.nextInt(3);
    for (int i = 0; i < syllables; i++) {
      word.append(ONSETS[random.nextInt(ONSETS.length)])
          .append(VOWELS[random.nextInt(VOWELS.length)]);
    }
    word.append(CODAS[random.nextInt(CODAS.length)]);
    return word.toString();
  }

  int size() {
    return words.size();
  }

  String word(int rank) {
    return words.get(rank);
  }
}
