package org.newsindex.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CorpusParserTest {
  private final CorpusParser parser = new CorpusParser(200_000);

  private CorpusFile parse(String text) throws RejectedFileException {
    return parser.parse(text.getBytes(StandardCharsets.UTF_8));
  }

  private String rejection(byte[] bytes) {
    return assertThrows(RejectedFileException.class, () -> parser.parse(bytes)).reason();
  }

  @Test
  void seedFileSplitsIntoArticleAndHeadlines() throws Exception {
    CorpusFile file = parser.parse(SeedFiles.bytes("000_722cfe8b9ac581af.txt"));
    assertEquals(7, file.article().orElseThrow().paragraphs().size());
    assertEquals(17, file.headlines().size());
    assertTrue(
        file.article()
            .get()
            .title()
            .startsWith("Russian Foreign Minister Sergei Lavrov and U.S. Secretary of State"),
        file.article().get().title());
    assertTrue(
        file.headlines()
            .contains(
                "Russian Drone Attack Hits Turkish Cargo Ship Carrying Sunflower Oil to Egypt,"
                    + " Ukraine Says"));
    assertTrue(file.warnings().isEmpty(), file.warnings().toString());
  }

  @Test
  void titleIsTheFirstSentenceDespiteAbbreviations() throws Exception {
    CorpusFile file =
        parse("Mr. Smith met U.S. officials in Washington. They talked.\n\nA Headline Here\n");
    assertEquals(
        "Mr. Smith met U.S. officials in Washington.", file.article().orElseThrow().title());
  }

  @Test
  void crlfAndCrLineEndingsAreAccepted() throws Exception {
    CorpusFile crlf =
        parse("First paragraph here.\r\nSecond paragraph.\r\n\r\nOne Headline\r\nTwo Headline\r\n");
    CorpusFile cr =
        parse("First paragraph here.\rSecond paragraph.\r\rOne Headline\rTwo Headline\r");
    assertEquals(2, crlf.article().orElseThrow().paragraphs().size());
    assertEquals(2, crlf.headlines().size());
    assertEquals(crlf.article(), cr.article());
    assertEquals(crlf.headlines(), cr.headlines());
  }

  @Test
  void utf8ByteOrderMarkIsDropped() throws Exception {
    byte[] body = "Paragraph one.\n\nSome Headline Text\n".getBytes(StandardCharsets.UTF_8);
    byte[] withBom = new byte[body.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(body, 0, withBom, 3, body.length);
    assertEquals("Paragraph one.", parser.parse(withBom).article().orElseThrow().title());
  }

  @Test
  void utf16WithByteOrderMarkIsDecoded() throws Exception {
    byte[] utf16 =
        "\uFEFFParagraph one.\n\nSome Headline Text\n".getBytes(StandardCharsets.UTF_16BE);
    CorpusFile file = parser.parse(utf16);
    assertEquals("Paragraph one.", file.article().orElseThrow().title());
    assertEquals(1, file.headlines().size());
    byte[] le = "\uFEFFParagraph one.\n\nSome Headline Text\n".getBytes(StandardCharsets.UTF_16LE);
    assertEquals(file.headlines(), parser.parse(le).headlines());
  }

  @Test
  void emptyFileIsRejected() {
    assertEquals("the file is empty", rejection(new byte[0]));
  }

  @Test
  void whitespaceOnlyFileIsRejected() {
    assertEquals(
        "the file contains only whitespace",
        rejection(" \n\t\r\n  \n".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void binaryFilesAreRejectedWithTheirKind() {
    assertTrue(rejection(new byte[] {'a', 'b', 0, 'c'}).contains("NUL byte at offset 2"));
    assertTrue(rejection("%PDF-1.7\n...".getBytes(StandardCharsets.US_ASCII)).contains("PDF"));
    assertTrue(
        rejection(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0})
            .contains("PNG"));
  }

  @Test
  void invalidUtf8IsRejectedWithTheOffset() {
    byte[] bytes = {'o', 'k', ' ', (byte) 0xC3, (byte) 0x28, 'x'};
    String reason = rejection(bytes);
    assertTrue(reason.contains("not valid UTF-8") && reason.contains("offset 3"), reason);
  }

  @Test
  void missingBlankLineBeforeHeadlinesIsRecoveredWithAWarning() throws Exception {
    CorpusFile file =
        parse(
            "The article has one long paragraph that ends with a full stop.\n"
                + "Another paragraph follows, and it ends properly too.\n"
                + "Markets Rally As Inflation Cools\nLeaders Meet In Geneva For Talks\n");
    assertEquals(2, file.article().orElseThrow().paragraphs().size());
    assertEquals(2, file.headlines().size());
    assertTrue(file.warnings().get(0).contains("no blank line"), file.warnings().toString());
  }

  @Test
  void headlinesOnlyFileHasNoArticle() throws Exception {
    CorpusFile file =
        parse("\n\nMarkets Rally As Inflation Cools\nLeaders Meet In Geneva For Talks\n");
    assertTrue(file.article().isEmpty());
    assertEquals(2, file.headlines().size());
    assertTrue(file.warnings().get(0).contains("no article"));
  }

  @Test
  void articleWithoutHeadlinesIsAcceptedWithAWarning() throws Exception {
    CorpusFile file =
        parse("Just one paragraph of news, nothing else.\nAnd a second one, which also ends.\n");
    assertEquals(2, file.article().orElseThrow().paragraphs().size());
    assertTrue(file.headlines().isEmpty());
    assertTrue(file.warnings().contains("the file lists no headlines"));
  }

  @Test
  void oneMegabyteLineIsRejectedWithItsSize() {
    String line = "word ".repeat(209_715) + "w";
    String reason = rejection(line.getBytes(StandardCharsets.UTF_8));
    assertTrue(reason.contains("1,048,576 bytes") && reason.contains("MAX_ARTICLE_BYTES"), reason);
  }

  @Test
  void overlongHeadlineIsRejected() {
    String text = "An article paragraph.\n\n" + "Headline ".repeat(200) + "\n";
    assertTrue(
        rejection(text.getBytes(StandardCharsets.UTF_8))
            .contains("headlines are limited to 1,000 characters"));
  }

  @Test
  void repeatedHeadlinesAreListedOnce() throws Exception {
    CorpusFile file =
        parse("Paragraph.\n\nTrump’s Plan Is Out\nTrump's plan is out\nOther Story Here\n");
    assertEquals(2, file.headlines().size());
    assertTrue(file.warnings().get(0).contains("repeated"));
  }

  @Test
  void paragraphsSeparatedByBlankLinesStayInTheArticle() throws Exception {
    CorpusFile file =
        parse(
            "First paragraph, a full sentence.\n\nSecond paragraph, also a sentence.\n\n"
                + "A Headline Goes Here\nAnother Headline Here\n");
    assertEquals(2, file.article().orElseThrow().paragraphs().size());
    assertEquals(2, file.headlines().size());
  }
}
