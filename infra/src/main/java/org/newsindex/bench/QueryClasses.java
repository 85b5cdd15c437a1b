package org.newsindex.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.newsindex.analysis.TextAnalyzer;
import org.newsindex.analysis.Token;
import org.newsindex.index.IndexSnapshot;
import org.newsindex.index.StoredDocument;
import org.newsindex.index.TermDirectory;

/**
 * Draws the benchmark's query classes from the index itself, so that they mean the same at any
 * corpus size: rare terms (in a handful of documents), common terms (in about 2% of them), very
 * common terms (in 30% or more), two and three terms, phrases, a kind filter, and the third page.
 */
final class QueryClasses {
  private QueryClasses() {}

  static List<QueryClass> draw(IndexSnapshot snapshot, int perClass, long seed) {
    Random random = new Random(seed);
    long documents = snapshot.documents().size();
    List<TermDirectory> terms =
        snapshot.directories().values().stream()
            .filter(
                d ->
                    !d.term().equals(TermDirectory.ALL_DOCUMENTS)
                        && d.term().chars().allMatch(Character::isLetter))
            .sorted(Comparator.comparing(TermDirectory::term))
            .toList();
    // A large corpus of a finite vocabulary may hold no term in 2 to 5 documents, or none in 1% to
    // 5%: then the terms nearest the range stand in (the rarest of 2+ documents; those nearest 2%).
    List<String> rare =
        pickOrNearest(
            terms,
            d -> d.docFreq() >= 2 && d.docFreq() <= 5,
            Comparator.comparingInt(
                (TermDirectory d) -> d.docFreq() < 2 ? Integer.MAX_VALUE : d.docFreq()),
            perClass,
            random);
    List<String> common =
        pickOrNearest(
            terms,
            d -> d.docFreq() >= documents / 100 && d.docFreq() <= documents / 20,
            Comparator.comparingLong((TermDirectory d) -> Math.abs(d.docFreq() - documents / 50)),
            perClass,
            random);
    List<String> veryCommon = pick(terms, d -> d.docFreq() >= documents * 3 / 10, perClass, random);
    if (veryCommon.size() < perClass) {
      veryCommon =
          terms.stream()
              .sorted(Comparator.comparingInt((TermDirectory d) -> d.docFreq()).reversed())
              .limit(perClass)
              .map(TermDirectory::displayForm)
              .toList();
    }
    List<QueryClass.Query> several = new ArrayList<>();
    for (int i = 0; i < perClass; i++) {
      String q = common.get(i % common.size()) + " " + rare.get(i % rare.size());
      several.add(
          new QueryClass.Query(i % 2 == 0 ? q : q + " " + veryCommon.get(i % veryCommon.size())));
    }
    List<QueryClass.Query> phrases =
        phrases(new ArrayList<>(snapshot.documents().values()), perClass, random);
    return List.of(
        new QueryClass("rare term", "a term in 2 to 5 documents", queries(rare)),
        new QueryClass("common term", "a term in 1% to 5% of documents", queries(common)),
        new QueryClass(
            "very common term", "a term in 30% or more of documents", queries(veryCommon)),
        new QueryClass(
            "2-3 terms", "a common and a rare term, half with a very common third", several),
        new QueryClass(
            "phrase", "two or three words as they appear in a document, quoted", phrases),
        new QueryClass(
            "filtered",
            "a common term, kind=headline",
            common.stream().map(t -> new QueryClass.Query(t, "headline", 1)).toList()),
        new QueryClass(
            "paged",
            "a very common term, third page of 10 (following next_cursor)",
            veryCommon.stream().map(t -> new QueryClass.Query(t, "", 3)).toList()),
        new QueryClass(
            "date-filtered",
            "a common term, published within a random 30 to 120 days",
            dated(common, random)),
        new QueryClass(
            "related",
            "/documents/{id}/related of a random article (MoreLikeThis)",
            related(new ArrayList<>(snapshot.documents().values()), perClass, random)));
  }

  private static List<QueryClass.Query> dated(List<String> terms, java.util.Random random) {
    List<QueryClass.Query> out = new ArrayList<>();
    for (String t : terms) {
      java.time.Instant from =
          org.newsindex.generate.CorpusGenerator.FIRST_DAY.plusSeconds(
              86_400L * random.nextInt(240));
      out.add(
          QueryClass.Query.dated(t, from, from.plusSeconds(86_400L * (30 + random.nextInt(91)))));
    }
    return out;
  }

  private static List<QueryClass.Query> related(
      List<org.newsindex.index.StoredDocument> docs, int n, java.util.Random random) {
    List<org.newsindex.index.StoredDocument> articles =
        docs.stream().filter(d -> d.kind() == org.newsindex.index.DocKind.ARTICLE).toList();
    List<QueryClass.Query> out = new ArrayList<>();
    for (int i = 0; i < n && !articles.isEmpty(); i++) {
      out.add(QueryClass.Query.like(articles.get(random.nextInt(articles.size()))));
    }
    return out;
  }

  private static List<QueryClass.Query> queries(List<String> terms) {
    return terms.stream().map(QueryClass.Query::new).toList();
  }

  private static List<String> pickOrNearest(
      List<TermDirectory> terms,
      java.util.function.Predicate<TermDirectory> which,
      Comparator<TermDirectory> nearest,
      int n,
      Random random) {
    List<String> picked = pick(terms, which, n, random);
    if (!picked.isEmpty()) {
      return picked;
    }
    return terms.stream().sorted(nearest).limit(n).map(TermDirectory::displayForm).toList();
  }

  private static List<String> pick(
      List<TermDirectory> terms,
      java.util.function.Predicate<TermDirectory> which,
      int n,
      Random random) {
    List<TermDirectory> candidates = new ArrayList<>(terms.stream().filter(which).toList());
    java.util.Collections.shuffle(candidates, random);
    return candidates.stream().limit(n).map(TermDirectory::displayForm).toList();
  }

  private static List<QueryClass.Query> phrases(
      List<StoredDocument> documents, int n, Random random) {
    TextAnalyzer analyzer = new TextAnalyzer();
    List<StoredDocument> articles =
        documents.stream()
            .filter(d -> d.kind().label().equals("article"))
            .sorted(Comparator.comparingLong(StoredDocument::ord))
            .toList();
    List<QueryClass.Query> out = new ArrayList<>();
    while (out.size() < n) {
      StoredDocument doc = articles.get(random.nextInt(articles.size()));
      List<Token> tokens = analyzer.tokens(doc.text());
      int length = 2 + random.nextInt(2);
      if (tokens.size() <= length) {
        continue;
      }
      int start = random.nextInt(tokens.size() - length);
      String text =
          doc.text()
              .substring(
                  tokens.get(start).startOffset(), tokens.get(start + length - 1).endOffset());
      if (!text.contains("\"") && !text.contains("\n")) {
        out.add(new QueryClass.Query("\"" + text + "\""));
      }
    }
    return out;
  }
}
