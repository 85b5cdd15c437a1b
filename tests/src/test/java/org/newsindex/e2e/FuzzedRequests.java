package org.newsindex.e2e;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded source of hostile requests over every route and parameter of the API: Unicode from every
 * plane, combining marks, characters NFKC expands, Hangul jamo, no-break spaces, control
 * characters, strings of several kilobytes, broken percent-encodings and overlong UTF-8, raw {@code
 * " \ ^ | {} } in the query string, repeated and unknown parameters, and query syntax (unbalanced
 * and deep brackets, operators, prefixes). Request {@code i} of seed {@code s} is the same on every
 * run, whatever came before it, so a failure reproduces alone.
 */
final class FuzzedRequests {
  /** One request: its method and its request target, byte for byte. */
  record Request(int index, String method, byte[] target) {
    /** The target as the contract check reads it (each byte one character). */
    String targetText() {
      return new String(target, StandardCharsets.ISO_8859_1);
    }

    /** The target for a failure message: printable ASCII as it is, other bytes as \xNN. */
    String shown() {
      StringBuilder out = new StringBuilder();
      for (byte b : target) {
        int c = b & 0xff;
        if (c > 0x20 && c < 0x7f && c != '\\') {
          out.append((char) c);
        } else {
          out.append(String.format("\\x%02X", c));
        }
      }
      String text = out.toString();
      return method
          + " "
          + (text.length() > 400
              ? text.substring(0, 400) + "… (" + target.length + " bytes)"
              : text);
    }
  }

  /** What the index holds, so that some requests reach past validation into the search. */
  record Known(List<String> ids, List<String> keys, List<String> words, List<String> cursors) {}

  private static final String[] ODD_ESCAPES = {
    "%",
    "%%",
    "%G1",
    "%2",
    "%zz",
    "%C0%AF",
    "%C0%80",
    "%E0%80%AF",
    "%F0%80%80%AF",
    "%FF",
    "%FE%FF",
    "%ED%A0%80",
    "%ED%BF%BF",
    "%F4%90%80%80",
    "%F8%88%80%80%80",
    "%E2%82",
    "%C3",
    "%80",
    "%00",
    "%u0041",
    "%25",
    "%2525",
    "%2F",
    "%5C",
    "%0D%0A",
    "%3F",
    "%26",
    "%3D",
    "%23",
    "%2B",
    "+"
  };

  /** Characters clients send raw that RFC 3986 does not allow in a query. */
  private static final String RAW_SPECIALS = "\"\\^|{}<>`[]";

  private static final String[] SYNTAX = {
    "(((",
    ")))",
    "(",
    ")",
    "-",
    "+",
    "\"",
    "\"\"",
    "*",
    "**",
    "a*",
    "-*",
    "+*",
    "\"*\"",
    "AND",
    "OR",
    "NOT",
    "AND OR NOT",
    "NOT NOT",
    "a AND",
    "OR b",
    "a AND OR b",
    "&&",
    "||",
    "!",
    "~",
    "~2",
    "^2",
    "a^",
    ":",
    "title:x",
    "[a TO b]",
    "{a TO b}",
    "\\",
    "\\\"",
    "?",
    "/",
    "//",
    "-\"peace talks\"",
    "+ukraine -russia",
    "\"unterminated",
    "(syria OR palmyra) attack",
    "a* b* c* d* e*",
    "NOT a",
    "- - -",
    "+-+-",
    "\"\"\"",
    "((a) OR (b)) AND NOT (c)"
  };

  private static final String[] NFKC_EXPANDERS = {
    "\uFDFA",
    "\uFDFB",
    "\uFB03",
    "\u3300",
    "\u33FF",
    "\u2474",
    "\u1E9B\u0323",
    "\uFB2C",
    "\u0390",
    "\u2152",
    "\u32FF",
    "\u0149",
    "\u01C4",
    "\uFF21\uFF22",
    "\u2160\u2161",
    "\u00BD",
    "\u1F82"
  };

  private static final String[] SPACES = {
    "\u00A0", "\u2000", "\u2002", "\u2007", "\u2009", "\u200A", "\u200B", "\u202F", "\u205F",
    "\u3000", "\uFEFF", "\u1680", "\u180E", "\u2028", "\u2029", " ", "\t"
  };

  private static final String[] BIDI = {"\u202E", "\u202D", "\u200E", "\u200F", "\u2066", "\u061C"};

  private static final String[] NUMBERS = {
    "0",
    "1",
    "2",
    "10",
    "50",
    "51",
    "100",
    "101",
    "999",
    "1000",
    "1001",
    "-1",
    "-0",
    "+5",
    " 5 ",
    "5.0",
    "1e3",
    "0x10",
    "2147483647",
    "2147483648",
    "-2147483649",
    "99999999999999999999",
    "",
    "\u0663",
    "\uFF15",
    "NaN",
    "Infinity",
    "five",
    "00000000000000000000010",
    "\u00A05"
  };

  private static final String[] SEARCH_ROUTES = {
    "search",
    "suggest",
    "document",
    "document-sources",
    "document-related",
    "source",
    "sources",
    "health",
    "page",
    "asset",
    "openapi",
    "unknown"
  };

  private final long seed;
  private final Known known;

  FuzzedRequests(long seed, Known known) {
    this.seed = seed;
    this.known = known;
  }

  /** Request {@code index}: the same for a seed and index on every run. */
  Request request(int index) {
    Random r = new Random(seed * 1_000_003L + index);
    String method = r.nextInt(40) == 0 ? pick(r, new String[] {"POST", "PUT", "DELETE"}) : "GET";
    String route = SEARCH_ROUTES[r.nextInt(SEARCH_ROUTES.length)];
    ByteArrayOutputStream target = new ByteArrayOutputStream();
    switch (route) {
      case "search" -> {
        ascii(target, "/search");
        query(
            r,
            target,
            List.of("q", "kind", "source", "limit", "sort", "cursor", "from", "to", "histogram"),
            this::searchValue);
      }
      case "suggest" -> {
        ascii(target, "/suggest");
        query(r, target, List.of("prefix", "limit"), this::suggestValue);
      }
      case "document" -> {
        ascii(target, "/documents/");
        segment(r, target, documentId(r));
        query(r, target, List.of(), this::searchValue);
      }
      case "document-sources" -> {
        ascii(target, "/documents/");
        segment(r, target, documentId(r));
        ascii(target, "/sources");
        query(r, target, List.of("limit", "cursor"), this::listValue);
      }
      case "document-related" -> {
        ascii(target, "/documents/");
        segment(r, target, documentId(r));
        ascii(target, "/related");
        query(r, target, List.of("limit"), this::listValue);
      }
      case "source" -> {
        ascii(target, "/sources/");
        String[] parts = sourceKey(r).split("/", -1);
        for (int i = 0; i < parts.length; i++) {
          if (i > 0) {
            target.write('/');
          }
          segment(r, target, parts[i]);
        }
        query(r, target, List.of(), this::listValue);
      }
      case "sources" -> {
        ascii(target, r.nextInt(8) == 0 ? "/sources/" : "/sources");
        query(r, target, List.of("prefix", "limit", "cursor"), this::listValue);
      }
      case "health" -> {
        ascii(target, "/health");
        query(r, target, List.of(), this::searchValue);
      }
      case "page" -> {
        ascii(target, "/");
        query(r, target, List.of("q", "kind", "source", "doc"), this::searchValue);
      }
      case "asset" -> {
        ascii(target, "/assets/");
        segment(
            r,
            target,
            r.nextBoolean() ? pick(r, new String[] {"search.js", "search.css"}) : text(r, 40));
        query(r, target, List.of(), this::searchValue);
      }
      case "openapi" -> {
        ascii(target, "/openapi.json");
        query(r, target, List.of(), this::searchValue);
      }
      default -> {
        ascii(target, "/");
        int segments = 1 + r.nextInt(3);
        for (int i = 0; i < segments; i++) {
          if (i > 0) {
            target.write('/');
          }
          segment(r, target, r.nextInt(4) == 0 ? pick(r, SEARCH_ROUTES) : text(r, 30));
        }
        query(r, target, List.of("q", "prefix"), this::searchValue);
      }
    }
    return new Request(index, method, target.toByteArray());
  }

  // --- the query string ---------------------------------------------------------------------

  private interface Values {
    String value(Random r, String parameter);
  }

  /** Each known parameter with some chance, sometimes twice, sometimes unknown ones beside. */
  private void query(Random r, ByteArrayOutputStream target, List<String> known, Values values) {
    List<byte[]> pairs = new ArrayList<>();
    for (String name : known) {
      if (r.nextInt(5) < 3) {
        pairs.add(pair(r, name, values.value(r, name)));
        if (r.nextInt(12) == 0) {
          pairs.add(pair(r, name, values.value(r, name)));
        }
      }
    }
    if (r.nextInt(8) == 0) {
      pairs.add(
          pair(
              r,
              r.nextBoolean() ? pick(r, new String[] {"Q", "page", "q[]", ""}) : text(r, 12),
              text(r, 20)));
    }
    if (r.nextInt(20) == 0) {
      pairs.add(encoded(r, known.isEmpty() ? "x" : pick(r, known.toArray(String[]::new))));
    }
    if (pairs.isEmpty() && r.nextInt(3) > 0) {
      return;
    }
    target.write('?');
    for (int i = 0; i < pairs.size(); i++) {
      if (i > 0) {
        ascii(target, r.nextInt(25) == 0 ? "&&" : "&");
      }
      target.writeBytes(pairs.get(i));
    }
    if (r.nextInt(30) == 0) {
      ascii(target, pick(r, new String[] {"&", "=", "&=", "?", "&=&"}));
    }
  }

  private byte[] pair(Random r, String name, String value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(encoded(r, name));
    out.write('=');
    out.writeBytes(encoded(r, value));
    return out.toByteArray();
  }

  private String searchValue(Random r, String parameter) {
    return switch (parameter) {
      case "q" -> queryText(r);
      case "kind" ->
          r.nextInt(3) == 0
              ? text(r, 20)
              : pick(
                  r,
                  new String[] {
                    "article",
                    "headline",
                    "article,headline",
                    ",,",
                    "Article",
                    " headline ",
                    "video",
                    "article,,video",
                    ""
                  });
      case "sort" ->
          r.nextInt(3) == 0
              ? text(r, 20)
              : pick(r, new String[] {"relevance", "newest", "NEWEST", " newest", "oldest", ""});
      case "source" -> r.nextBoolean() ? sourceKey(r) : text(r, 200);
      case "from", "to" ->
          r.nextInt(3) == 0
              ? text(r, 80)
              : pick(
                  r,
                  new String[] {
                    "2026-11-01",
                    "2026-02-30",
                    "2026-11-01T08:00:00Z",
                    "2026-11-01T08:00:00+14:00",
                    "now",
                    "now-7d",
                    "now/d",
                    "now-1M/M",
                    "now+999999y",
                    "now-9999999d",
                    "now//d",
                    "now-7d/x",
                    "0000-01-01",
                    "99999-01-01",
                    "+2026-11-01",
                    ""
                  });
      case "histogram" ->
          pick(r, new String[] {"day", "week", "month", "year", "DAY", " day", "", "hour"});
      case "limit" -> number(r);
      case "cursor" -> cursor(r);
      case "doc" -> documentId(r);
      default -> text(r, 100);
    };
  }

  private String suggestValue(Random r, String parameter) {
    if (parameter.equals("limit")) {
      return number(r);
    }
    return switch (r.nextInt(4)) {
      case 0 -> {
        String word = pick(r, known.words());
        yield word.substring(0, Math.min(word.length(), 1 + r.nextInt(Math.max(1, word.length()))));
      }
      case 1 -> pick(r, NFKC_EXPANDERS) + text(r, 6);
      default -> text(r, 60);
    };
  }

  private String listValue(Random r, String parameter) {
    return switch (parameter) {
      case "limit" -> number(r);
      case "cursor" -> cursor(r);
      default -> r.nextBoolean() ? sourceKey(r) : text(r, 200);
    };
  }

  private String number(Random r) {
    return r.nextInt(4) == 0 ? Integer.toString(r.nextInt()) : pick(r, NUMBERS);
  }

  private String cursor(Random r) {
    String real = known.cursors().isEmpty() ? "" : pick(r, known.cursors());
    return switch (r.nextInt(6)) {
      case 0 -> real;
      case 1 -> flip(r, real);
      case 2 -> real.isEmpty() ? "" : real.substring(0, r.nextInt(real.length()));
      case 3 -> real + text(r, 10);
      case 4 -> base64ish(r, 1 + r.nextInt(r.nextInt(10) == 0 ? 3000 : 60));
      default -> text(r, 100);
    };
  }

  private static String flip(Random r, String s) {
    if (s.isEmpty()) {
      return "A";
    }
    char[] chars = s.toCharArray();
    int at = r.nextInt(chars.length);
    chars[at] = chars[at] == 'A' ? 'B' : 'A';
    return new String(chars);
  }

  private static String base64ish(Random r, int length) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/";
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return out.toString();
  }

  private String documentId(Random r) {
    return switch (r.nextInt(5)) {
      case 0, 1 -> known.ids().isEmpty() ? "h0000000000000000" : pick(r, known.ids());
      case 2 -> (r.nextBoolean() ? "a" : "h") + String.format("%016x", r.nextLong());
      case 3 -> pick(r, new String[] {"H0123456789ABCDEF", "a", "h", "x", "..", ".", "%", "a0"});
      default -> text(r, 80);
    };
  }

  private String sourceKey(Random r) {
    return switch (r.nextInt(6)) {
      case 0, 1 -> known.keys().isEmpty() ? "none.txt" : pick(r, known.keys());
      case 2 -> {
        String key = known.keys().isEmpty() ? "k" : pick(r, known.keys());
        yield key.substring(0, r.nextInt(key.length() + 1));
      }
      case 3 -> "a".repeat(1000 + r.nextInt(200));
      case 4 -> text(r, 40) + "/" + text(r, 40) + (r.nextBoolean() ? "/" : "");
      default -> text(r, 300);
    };
  }

  private String queryText(Random r) {
    int parts = 1 + r.nextInt(6);
    StringBuilder q = new StringBuilder();
    for (int i = 0; i < parts; i++) {
      if (i > 0) {
        q.append(r.nextInt(4) == 0 ? "" : " ");
      }
      q.append(
          switch (r.nextInt(9)) {
            case 0, 1 -> pick(r, known.words());
            case 2, 3 -> pick(r, SYNTAX);
            case 4 -> nested(r);
            case 5 -> prefixes(r);
            case 6 -> pick(r, known.words()).substring(0, 1) + "*";
            default -> text(r, 60);
          });
    }
    return q.toString();
  }

  private static String nested(Random r) {
    int depth = 1 + r.nextInt(r.nextBoolean() ? 20 : 400);
    String open =
        r.nextBoolean() ? "(" : pick(r, new String[] {"(+", "(-", "(NOT ", "(a OR ", "\"("});
    return open.repeat(depth) + "x" + ")".repeat(r.nextInt(depth + 1));
  }

  /** Many two-letter prefixes, the expansion the clause limit does not see. */
  private static String prefixes(Random r) {
    StringBuilder out = new StringBuilder();
    int n = 1 + r.nextInt(80);
    for (int i = 0; i < n; i++) {
      out.append((char) ('a' + r.nextInt(26))).append((char) ('a' + r.nextInt(26))).append("* ");
    }
    return out.toString().strip();
  }

  // --- text and its encoding ----------------------------------------------------------------

  /** A string of one or more hostile pieces, usually up to {@code typical} characters. */
  static String text(Random r, int typical) {
    StringBuilder out = new StringBuilder();
    int pieces = 1 + r.nextInt(4);
    for (int i = 0; i < pieces; i++) {
      out.append(piece(r, typical));
    }
    return out.toString();
  }

  private static String piece(Random r, int typical) {
    return switch (r.nextInt(13)) {
      case 0 -> letters(r, 1 + r.nextInt(Math.max(1, typical / 4)));
      case 1 -> codePoints(r, 1 + r.nextInt(Math.max(1, typical / 4)), 0x20, 0x10FFFF);
      case 2 -> codePoints(r, 1 + r.nextInt(6), 0x10000, 0x10FFFF);
      case 3 -> combining(r);
      case 4 -> pick(r, NFKC_EXPANDERS);
      case 5 -> jamo(r);
      case 6 -> pick(r, SPACES) + (r.nextBoolean() ? pick(r, SPACES) : "");
      case 7 -> codePoints(r, 1 + r.nextInt(4), 0, 0x1F) + (r.nextBoolean() ? "\u007F\u0085" : "");
      case 8 -> pick(r, BIDI) + letters(r, 3);
      case 9 -> long_(r);
      case 10 -> pick(r, SYNTAX);
      case 11 -> codePoints(r, 1 + r.nextInt(8), 0x4E00, 0x9FFF);
      default -> "";
    };
  }

  private static String letters(Random r, int n) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < n; i++) {
      out.append((char) ('a' + r.nextInt(26)));
    }
    return out.toString();
  }

  /** Code points in a range, surrogates left out (they cannot be encoded as UTF-8). */
  private static String codePoints(Random r, int n, int from, int to) {
    StringBuilder out = new StringBuilder();
    while (out.codePointCount(0, out.length()) < n) {
      int cp = from + r.nextInt(to - from + 1);
      if (cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE) {
        out.appendCodePoint(cp);
      }
    }
    return out.toString();
  }

  private static String combining(Random r) {
    StringBuilder out = new StringBuilder(r.nextBoolean() ? "a" : "");
    int marks = 1 + r.nextInt(r.nextInt(5) == 0 ? 200 : 5);
    for (int i = 0; i < marks; i++) {
      out.append((char) (0x0300 + r.nextInt(0x70)));
    }
    return out.toString();
  }

  private static String jamo(Random r) {
    StringBuilder out = new StringBuilder();
    int n = 1 + r.nextInt(4);
    for (int i = 0; i < n; i++) {
      out.append((char) (0x1100 + r.nextInt(0x13))).append((char) (0x1161 + r.nextInt(0x15)));
      if (r.nextBoolean()) {
        out.append((char) (0x11A8 + r.nextInt(0x1B)));
      }
    }
    return out.toString();
  }

  /** Several kilobytes once encoded: ASCII, or characters of two to four UTF-8 bytes. */
  private static String long_(Random r) {
    String unit =
        pick(
            r,
            new String[] {
              "a", "ab ", "é", "中", "\uD83D\uDE00", "\uD800\uDC00", "x*", "\uFDFA", "(", "\u00A0"
            });
    int bytes = 500 + r.nextInt(6000);
    return unit.repeat(Math.max(1, bytes / unit.getBytes(StandardCharsets.UTF_8).length));
  }

  /**
   * A name or value as a query string carries it: mostly percent-encoded UTF-8, sometimes with
   * bytes sent raw (UTF-8 and the characters clients do not escape), sometimes with broken or
   * overlong escapes spliced in.
   */
  private static byte[] encoded(Random r, String text) {
    int mode = r.nextInt(20);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xff;
      boolean framing = b <= 0x20 || b == 0x7f || b == '#' || b == '%';
      if (mode < 3 && !framing) {
        out.write(b); // raw: UTF-8 bytes and " \ ^ | { as they are
      } else if (b == ' ' && mode < 10) {
        out.write('+');
      } else if ((b >= 'a' && b <= 'z')
          || (b >= 'A' && b <= 'Z')
          || (b >= '0' && b <= '9')
          || "-._~".indexOf(b) >= 0) {
        out.write(b);
      } else {
        ascii(out, String.format("%%%02X", b));
      }
      if (mode >= 3 && mode < 6 && r.nextInt(Math.max(1, bytes.length / 2)) == 0) {
        ascii(out, pick(r, ODD_ESCAPES));
      }
      if (mode == 6 && r.nextInt(Math.max(1, bytes.length / 2)) == 0) {
        out.write(RAW_SPECIALS.charAt(r.nextInt(RAW_SPECIALS.length())));
      }
    }
    if (mode == 7) {
      ascii(out, pick(r, ODD_ESCAPES));
    }
    if (mode == 8) {
      out.write(RAW_SPECIALS.charAt(r.nextInt(RAW_SPECIALS.length())));
    }
    return out.toByteArray();
  }

  /** A path segment: percent-encoded, with a raw or broken byte now and then. */
  private static void segment(Random r, ByteArrayOutputStream target, String text) {
    byte[] bytes = encoded(r, text);
    for (byte b : bytes) {
      // '?' would start the query string; a '+' in a path is a plus, left as it is.
      if (b == '?' || b == '/') {
        ascii(target, b == '?' ? "%3F" : "%2F");
      } else {
        target.write(b);
      }
    }
  }

  private static void ascii(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
  }

  private static String pick(Random r, String[] options) {
    return options[r.nextInt(options.length)];
  }

  private static String pick(Random r, List<String> options) {
    return options.get(r.nextInt(options.size()));
  }
}
