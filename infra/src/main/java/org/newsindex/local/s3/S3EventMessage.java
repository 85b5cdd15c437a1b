package org.newsindex.local.s3;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The JSON of an S3 event notification, record for record as S3 sends it to Lambda: one record,
 * event version 2.1, the key URL-encoded, size and ETag for created objects only.
 */
public final class S3EventMessage {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final DateTimeFormatter EVENT_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  static final String REQUESTER = "AWS:LOCAL";
  static final String OWNER = "LOCALOWNER";

  private S3EventMessage() {}

  /**
   * @param configurationId the notification configuration that matched (the template event's id)
   * @param sequencer the change's place in the bucket's order of events
   */
  public static String json(
      ObjectChange change, String configurationId, String region, String sequencer) {
    ObjectNode record = JSON.createObjectNode();
    record.put("eventVersion", "2.1");
    record.put("eventSource", "aws:s3");
    record.put("awsRegion", region);
    record.put("eventTime", EVENT_TIME.format(change.time()));
    record.put("eventName", change.eventName());
    record.putObject("userIdentity").put("principalId", REQUESTER);
    record.putObject("requestParameters").put("sourceIPAddress", "127.0.0.1");
    ObjectNode response = record.putObject("responseElements");
    response.put("x-amz-request-id", HexFormat.of().withUpperCase().formatHex(randomBytes(8)));
    response.put("x-amz-id-2", Base64.getEncoder().encodeToString(randomBytes(57)));
    ObjectNode s3 = record.putObject("s3");
    s3.put("s3SchemaVersion", "1.0");
    s3.put("configurationId", configurationId);
    ObjectNode bucket = s3.putObject("bucket");
    bucket.put("name", change.bucket());
    bucket.putObject("ownerIdentity").put("principalId", OWNER);
    bucket.put("arn", "arn:aws:s3:::" + change.bucket());
    ObjectNode object = s3.putObject("object");
    object.put("key", S3KeyEncoding.encode(change.key()));
    change.size().ifPresent(size -> object.put("size", size));
    change.eTag().ifPresent(eTag -> object.put("eTag", eTag));
    object.put("sequencer", sequencer);
    ObjectNode message = JSON.createObjectNode();
    message.putArray("Records").add(record);
    return message.toString();
  }

  private static byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
