package org.newsindex.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.newsindex.analysis.TextAnalyzer;
import org.newsindex.analysis.Token;

/**
 * Parses the {@code q} parameter with the semantics of Lucene's classic query parser and its
 * default OR operator: bare words are optional and ranked, {@code "phrases"}, {@code +required},
 * {@code -excluded}, {@code AND}/{@code OR}/{@code NOT} between clauses, {@code (groups)} and
 * {@code prefix*}. Words are analyzed with the index's analyzer. Malformed syntax is read as plain
 * words where that is unambiguous (an unclosed quote, a lone {@code -}); the parse notes it.
 */
public final class QueryParser {
  public static final int MAX_QUERY_CHARS = 1_000;
  public static final int MAX_LEAVES = 64;
  public static final int MIN_PREFIX_CHARS = 2;

  /** How deep groups may nest: the parser and the scorer recurse once per level. */
  public static final int MAX_DEPTH = 32;

  /**
   * Words a query may score by, counting every word of its phrases: a page cursor carries each
   * one's document frequency, so this bounds its size.
   */
  public static final int MAX_SCORED_WORDS = 256;

  private final TextAnalyzer analyzer;

  public QueryParser(TextAnalyzer analyzer) {
    this.analyzer = analyzer;
  }

  /** A parsed query and what the parser had to assume about the text. */
  public record Parsed(QueryNode.Bool query, List<String> notes) {}

  public Parsed parse(String text) {
    int chars = text.codePointCount(0, text.length());
    if (chars > MAX_QUERY_CHARS) {
      throw new BadQueryException(
          "q is " + chars + " characters long; queries are limited to " + MAX_QUERY_CHARS);
    }
    Set<String> notes = new LinkedHashSet<>();
    List<Lexeme> lexemes = lex(text, notes);
    checkDepth(lexemes);
    Cursor cursor = new Cursor(lexemes);
    QueryNode.Bool query = clauses(cursor, false, notes);
    if (query.clauses().isEmpty()) {
      throw new BadQueryException(
          "q has no searchable words: only stop words (such as 'the' or 'of'), punctuation or"
              + " operators");
    }
    if (query.clauses().stream().allMatch(c -> c.occur() == Occur.MUST_NOT)) {
      throw new BadQueryException("q only excludes words; add at least one word to search for");
    }
    if (leaves(query) > MAX_LEAVES) {
      throw new BadQueryException(
          "q has more than " + MAX_LEAVES + " words and phrases; shorten it");
    }
    if (scoredWords(query) > MAX_SCORED_WORDS) {
      throw new BadQueryException(
          "q has more than "
              + MAX_SCORED_WORDS
              + " words, counting each word of its phrases; shorten it");
    }
    return new Parsed(query, List.copyOf(notes));
  }

  /** Refuses groups nested deeper than {@value #MAX_DEPTH} before anything recurses into them. */
  private static void checkDepth(List<Lexeme> lexemes) {
    int depth = 0;
    for (Lexeme lexeme : lexemes) {
      if (lexeme.type() == Type.OPEN && ++depth > MAX_DEPTH) {
        throw new BadQueryException(
            "q nests groups more than " + MAX_DEPTH + " deep; remove some parentheses");
      } else if (lexeme.type() == Type.CLOSE && depth > 0) {
        depth--;
      }
    }
  }

  private QueryNode.Bool clauses(Cursor cursor, boolean inGroup, Set<String> notes) {
    List<QueryNode.Clause> clauses = new ArrayList<>();
    Conj conj = Conj.NONE;
    Mod mod = Mod.NONE;
    while (cursor.hasNext()) {
      Lexeme lexeme = cursor.next();
      switch (lexeme.type()) {
        case AND -> conj = Conj.AND;
        case OR -> conj = Conj.OR;
        case NOT -> mod = Mod.NOT;
        case REQUIRED -> mod = Mod.REQUIRED;
        case EXCLUDED -> mod = Mod.NOT;
        case CLOSE -> {
          if (inGroup) {
            return new QueryNode.Bool(clauses);
          }
          notes.add("an unmatched ')' was ignored");
        }
        case OPEN -> {
          QueryNode.Bool group = clauses(cursor, true, notes);
          add(clauses, conj, mod, group.clauses().isEmpty() ? null : group);
          conj = Conj.NONE;
          mod = Mod.NONE;
        }
        case WORD, PHRASE, PREFIX -> {
          add(clauses, conj, mod, node(lexeme));
          conj = Conj.NONE;
          mod = Mod.NONE;
        }
      }
    }
    if (inGroup) {
      notes.add("an unclosed '(' was closed at the end of the query");
    }
    return new QueryNode.Bool(clauses);
  }

  /** Lucene's QueryParserBase.addClause with the OR default operator. */
  private static void add(List<QueryNode.Clause> clauses, Conj conj, Mod mod, QueryNode node) {
    if (!clauses.isEmpty() && conj == Conj.AND) {
      QueryNode.Clause previous = clauses.get(clauses.size() - 1);
      if (previous.occur() != Occur.MUST_NOT) {
        clauses.set(clauses.size() - 1, new QueryNode.Clause(Occur.MUST, previous.node()));
      }
    }
    if (node == null) {
      return;
    }
    boolean prohibited = mod == Mod.NOT;
    boolean required = mod == Mod.REQUIRED || (conj == Conj.AND && !prohibited);
    Occur occur = prohibited ? Occur.MUST_NOT : required ? Occur.MUST : Occur.SHOULD;
    clauses.add(new QueryNode.Clause(occur, node));
  }

  private QueryNode node(Lexeme lexeme) {
    return switch (lexeme.type()) {
      case PREFIX -> {
        String prefix = lexeme.text().toLowerCase(Locale.ROOT);
        if (prefix.codePointCount(0, prefix.length()) < MIN_PREFIX_CHARS) {
          throw new BadQueryException(
              "'"
                  + lexeme.text()
                  + "*' is too short: a prefix needs at least "
                  + MIN_PREFIX_CHARS
                  + " characters before '*'");
        }
        yield new QueryNode.Prefix(prefix);
      }
      case PHRASE -> phrase(analyzer.tokens(lexeme.text()));
      default -> words(analyzer.tokens(lexeme.text()));
    };
  }

  private static QueryNode phrase(List<Token> tokens) {
    if (tokens.isEmpty()) {
      return null;
    }
    if (tokens.size() == 1) {
      return new QueryNode.Term(tokens.get(0).term());
    }
    int first = tokens.get(0).position();
    return new QueryNode.Phrase(
        tokens.stream().map(Token::term).toList(),
        tokens.stream().map(t -> t.position() - first).toList());
  }

  private static QueryNode words(List<Token> tokens) {
    if (tokens.isEmpty()) {
      return null;
    }
    if (tokens.size() == 1) {
      return new QueryNode.Term(tokens.get(0).term());
    }
    return new QueryNode.Bool(
        tokens.stream()
            .map(t -> new QueryNode.Clause(Occur.SHOULD, new QueryNode.Term(t.term())))
            .toList());
  }

  static int leaves(QueryNode node) {
    if (node instanceof QueryNode.Bool b) {
      return b.clauses().stream().mapToInt(c -> leaves(c.node())).sum();
    }
    return 1;
  }

  private static int scoredWords(QueryNode node) {
    if (node instanceof QueryNode.Bool b) {
      return b.clauses().stream().mapToInt(c -> scoredWords(c.node())).sum();
    }
    return node instanceof QueryNode.Phrase p ? p.terms().size() : 1;
  }

  private enum Conj {
    NONE,
    AND,
    OR
  }

  private enum Mod {
    NONE,
    REQUIRED,
    NOT
  }

  private enum Type {
    WORD,
    PHRASE,
    PREFIX,
    AND,
    OR,
    NOT,
    REQUIRED,
    EXCLUDED,
    OPEN,
    CLOSE
  }

  private record Lexeme(Type type, String text) {}

  private static final class Cursor {
    private final List<Lexeme> lexemes;
    private int at;

    Cursor(List<Lexeme> lexemes) {
      this.lexemes = lexemes;
    }

    boolean hasNext() {
      return at < lexemes.size();
    }

    Lexeme next() {
      return lexemes.get(at++);
    }
  }

  private static List<Lexeme> lex(String text, Set<String> notes) {
    List<Lexeme> out = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '"') {
        int close = text.indexOf('"', i + 1);
        if (close < 0) {
          notes.add("an unclosed quote was ignored; its words were searched as plain words");
          i++;
        } else {
          out.add(new Lexeme(Type.PHRASE, text.substring(i + 1, close)));
          i = close + 1;
        }
      } else if (c == '(') {
        out.add(new Lexeme(Type.OPEN, "("));
        i++;
      } else if (c == ')') {
        out.add(new Lexeme(Type.CLOSE, ")"));
        i++;
      } else if ((c == '+' || c == '-' || c == '!')
          && (i + 1 >= n || Character.isWhitespace(text.charAt(i + 1)))) {
        notes.add("a lone '" + c + "' was ignored");
        i++;
      } else if (c == '+') {
        out.add(new Lexeme(Type.REQUIRED, "+"));
        i++;
      } else if (c == '-' || c == '!') {
        out.add(new Lexeme(Type.EXCLUDED, String.valueOf(c)));
        i++;
      } else {
        int end = i;
        while (end < n
            && !Character.isWhitespace(text.charAt(end))
            && "\"()".indexOf(text.charAt(end)) < 0) {
          end++;
        }
        String word = text.substring(i, end);
        i = end;
        switch (word) {
          case "AND", "&&" -> out.add(new Lexeme(Type.AND, word));
          case "OR", "||" -> out.add(new Lexeme(Type.OR, word));
          case "NOT" -> out.add(new Lexeme(Type.NOT, word));
          default -> {
            if (word.endsWith("*") && word.length() > 1 && word.indexOf('*') == word.length() - 1) {
              out.add(new Lexeme(Type.PREFIX, word.substring(0, word.length() - 1)));
            } else {
              out.add(new Lexeme(Type.WORD, word));
            }
          }
        }
      }
    }
    return out;
  }
}
