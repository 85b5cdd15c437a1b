package org.newsindex.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.newsindex.local.lambda.InvocationResult;

/**
 * Whatever users upload: every file ends with a status and, if refused, a reason a person can act
 * on; the ingest function never fails (and so never crash-loops) on a bad file.
 */
class BadInputTest {
  @RegisterExtension static final TestCloud cloud = TestCloud.empty();

  @AfterEach
  void noInvocationFailedAndTheIndexIsConsistent() {
    assertTrue(
        cloud.cloud.failures().isEmpty(),
        "bad input must not fail the function: " + cloud.cloud.failures());
    cloud.assertConsistent();
  }

  private static JsonNode status(String key, byte[] content) {
    cloud.upload(key, content);
    cloud.settle();
    TestCloud.Answer answer = cloud.get("/sources/" + TestCloud.encodePath(key));
    assertEquals(200, answer.status(), answer.body().toString());
    return answer.body();
  }

  private static void assertRejected(String key, byte[] content, String reasonPart) {
    JsonNode s = status(key, content);
    assertEquals("rejected", s.get("status").asText(), s.toString());
    assertTrue(s.get("reason").asText().contains(reasonPart), s.get("reason").asText());
    assertTrue(s.has("processed_at") && s.has("etag"), s.toString());
  }

  private static JsonNode assertIngested(String key, byte[] content, String searchFor) {
    JsonNode s = status(key, content);
    assertEquals("ingested", s.get("status").asText(), s.toString());
    JsonNode hits = cloud.search(searchFor).get("results");
    assertTrue(
        hits.size() > 0 && hits.get(0).get("sources").toString().contains(key),
        searchFor + " -> " + hits);
    return s;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void anEmptyFileIsRejected() {
    assertRejected("bad/empty.txt", new byte[0], "empty");
  }

  @Test
  void aWhitespaceOnlyFileIsRejected() {
    assertRejected("bad/blank.txt", utf8("  \n\n\t \r\n"), "only whitespace");
  }

  @Test
  void binaryFilesAreRejected() {
    assertRejected("bad/nul.txt", new byte[] {'a', 'b', 0, 1, 2}, "NUL byte");
    assertRejected("bad/doc.pdf", utf8("%PDF-1.4\n%âãÏÓ\n1 0 obj"), "PDF");
    assertRejected(
        "bad/pic.png",
        new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13},
        "PNG");
  }

  @Test
  void invalidUtf8IsRejectedWithTheOffset() {
    assertRejected(
        "bad/latin1.txt", "Caf\u00e9 news".getBytes(StandardCharsets.ISO_8859_1), "offset 3");
  }

  @Test
  void utf8WithAByteOrderMarkIsAccepted() {
    byte[] body =
        utf8("\uFEFFNarwhals were spotted off the coast.\n\n\nNarwhals Spotted Offshore\n");
    assertIngested("ok/bom.txt", body, "narwhals");
  }

  @Test
  void utf16WithAByteOrderMarkIsDecoded() {
    byte[] body =
        "\uFEFFPangolins were rescued from traffickers.\n\n\nPangolins Rescued\n"
            .getBytes(StandardCharsets.UTF_16LE);
    assertIngested("ok/utf16.txt", body, "pangolins");
  }

  @Test
  void crlfAndCrLineEndingsAreAccepted() {
    JsonNode crlf =
        assertIngested(
            "ok/crlf.txt",
            utf8(
                "Axolotls thrive in the lake.\r\n\r\n\r\nAxolotl Numbers Grow\r\nLake Cleaned\r\n"),
            "axolotls");
    assertEquals(2, crlf.get("headlines").asInt());
    JsonNode cr =
        assertIngested(
            "ok/cr.txt",
            utf8("Quokkas smile for tourists.\r\r\rQuokka Selfies Trend\rIsland Reopens\r"),
            "quokkas");
    assertEquals(2, cr.get("headlines").asInt());
  }

  @Test
  void noBlankLineBetweenArticleAndHeadlinesIsReadWithAWarning() {
    JsonNode s =
        assertIngested(
            "ok/noblank.txt",
            utf8(
                "Ocelots were counted in the reserve this spring.\n"
                    + "Ocelot Census Finds Growth\nReserve Expands Its Borders\n"),
            "ocelots");
    assertEquals(2, s.get("headlines").asInt());
    assertTrue(s.get("warnings").toString().contains("no blank line"), s.toString());
  }

  @Test
  void aFileOfHeadlinesOnlyHasNoArticle() {
    JsonNode s =
        assertIngested(
            "ok/headlines.txt",
            utf8("\n\nTapirs Return To The Forest\nRangers Track The Herd\n"),
            "tapirs");
    assertEquals(0, s.get("articles").asInt());
    assertEquals(2, s.get("headlines").asInt());
  }

  @Test
  void anArticleWithNoHeadlinesIsAccepted() {
    JsonNode s =
        assertIngested(
            "ok/article.txt",
            utf8("Wombats dig burrows that other animals use during fires.\n"),
            "wombats");
    assertEquals(1, s.get("articles").asInt());
    assertEquals(0, s.get("headlines").asInt());
  }

  @Test
  void aOneMegabyteLineIsRejected() {
    byte[] line = new byte[1024 * 1024];
    Arrays.fill(line, (byte) 'a');
    for (int i = 7; i < line.length; i += 8) {
      line[i] = ' ';
    }
    assertRejected("bad/longline.txt", line, "MAX_ARTICLE_BYTES");
  }

  @Test
  void aFileOverTheMaximumSizeIsRejectedByItsSize() {
    ByteArrayOutputStream big = new ByteArrayOutputStream();
    byte[] paragraph =
        utf8("A paragraph that repeats until the file is too big to index at all.\n");
    while (big.size() < 10 * 1024 * 1024 + 1) {
      big.writeBytes(paragraph);
    }
    assertRejected("bad/huge.txt", big.toByteArray(), "MAX_FILE_BYTES");
  }

  @Test
  void keysWithSpacesUnicodeAndPlusReadTheRightObject() {
    assertIngested(
        "odd keys/with space.txt",
        utf8("Manatees graze in the warm spring.\n\n\nManatee Season\n"),
        "manatees");
    assertIngested(
        "odd keys/ключ-é.txt",
        utf8("Kakapos nest again on the island.\n\n\nKakapo Nesting\n"),
        "kakapos");
    assertIngested(
        "odd keys/a+b.txt",
        utf8("Dugongs feed on seagrass meadows.\n\n\nDugong Meadows\n"),
        "dugongs");
    assertIngested(
        "odd keys/a b.txt",
        utf8("Gharials bask on the sandbanks.\n\n\nGharial Sandbanks\n"),
        "gharials");
  }

  @Test
  void anObjectDeletedBeforeItsEventIsProcessedIsRecordedAsDeleted() {
    String event =
        """
        {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1",
        "eventTime":"2026-11-26T09:00:00.000Z","eventName":"ObjectCreated:Put",
        "s3":{"s3SchemaVersion":"1.0","configurationId":"CorpusChanged",
        "bucket":{"name":"%s","arn":"arn:aws:s3:::%s"},
        "object":{"key":"gone/already.txt","size":120,"eTag":"0123456789abcdef0123456789abcdef","sequencer":"00AAAAAAAAAAAAAAAA"}}}]}
        """
            .formatted(cloud.cloud.bucket(), cloud.cloud.bucket());
    InvocationResult result = cloud.cloud.invoke("IngestFunction", event);
    assertTrue(result.succeeded(), result.toString());
    JsonNode s = cloud.get("/sources/" + TestCloud.encodePath("gone/already.txt")).body();
    assertEquals("deleted", s.get("status").asText(), s.toString());
    assertTrue(s.get("reason").asText().contains("deleted before"), s.toString());
  }
}
