package org.newsindex.local.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.newsindex.local.template.S3EventSpec;

class S3EventMessageTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void createdObjectRecordHasTheFieldsS3Sends() throws Exception {
    ObjectChange change =
        new ObjectChange(
            "b",
            "a b.txt",
            "ObjectCreated:Put",
            OptionalLong.of(5),
            Optional.of("abc"),
            Instant.parse("2026-03-04T05:06:07.008Z"));

    JsonNode record =
        JSON.readTree(S3EventMessage.json(change, "Uploads", "us-east-1", "0000000000000000AB"))
            .path("Records")
            .get(0);

    assertEquals("2026-03-04T05:06:07.008Z", record.path("eventTime").asText());
    assertEquals("ObjectCreated:Put", record.path("eventName").asText());
    assertTrue(record.path("userIdentity").has("principalId"));
    assertEquals("127.0.0.1", record.path("requestParameters").path("sourceIPAddress").asText());
    assertTrue(
        record.path("responseElements").path("x-amz-request-id").asText().matches("[0-9A-F]{16}"));
    assertTrue(record.path("responseElements").has("x-amz-id-2"));
    JsonNode s3 = record.path("s3");
    assertEquals("1.0", s3.path("s3SchemaVersion").asText());
    assertEquals("Uploads", s3.path("configurationId").asText());
    assertEquals("arn:aws:s3:::b", s3.path("bucket").path("arn").asText());
    assertTrue(s3.path("bucket").path("ownerIdentity").has("principalId"));
    assertEquals("a+b.txt", s3.path("object").path("key").asText());
    assertEquals(5, s3.path("object").path("size").asLong());
    assertEquals("abc", s3.path("object").path("eTag").asText());
    assertEquals("0000000000000000AB", s3.path("object").path("sequencer").asText());
  }

  @Test
  void removedObjectRecordHasNoSizeOrETag() throws Exception {
    JsonNode object =
        JSON.readTree(S3EventMessage.json(ObjectChange.removed("b", "k"), "c", "us-east-1", "01"))
            .path("Records")
            .get(0)
            .path("s3")
            .path("object");

    assertEquals(List.of("key", "sequencer"), fieldNames(object));
  }

  @Test
  void routerSendsOneEventPerMatchingSourceWithTheSameSequencer() throws Exception {
    List<String> delivered = new ArrayList<>();
    S3EventRouter router =
        new S3EventRouter(
            List.of(
                new S3EventSpec("A", "All", "b", List.of("s3:ObjectCreated:*"), "", ""),
                new S3EventSpec("B", "Txt", "b", List.of("s3:ObjectCreated:*"), "", ".txt"),
                new S3EventSpec("C", "Removed", "b", List.of("s3:ObjectRemoved:*"), "", "")),
            "us-east-1",
            (function, json, source) -> delivered.add(function + " " + json));

    router.changed(ObjectChange.created("b", "x.txt", "Put", 1, "\"e\""));

    assertEquals(2, delivered.size());
    assertTrue(delivered.get(0).startsWith("A ") && delivered.get(1).startsWith("B "));
    String sequencerA = JSON.readTree(delivered.get(0).substring(2)).findPath("sequencer").asText();
    String sequencerB = JSON.readTree(delivered.get(1).substring(2)).findPath("sequencer").asText();
    assertEquals(sequencerA, sequencerB);
    assertEquals("e", JSON.readTree(delivered.get(0).substring(2)).findPath("eTag").asText());
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.properties().forEach(field -> names.add(field.getKey()));
    return names;
  }
}
