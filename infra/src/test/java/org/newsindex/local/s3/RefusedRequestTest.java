package org.newsindex.local.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Requests the local S3 refuses, sent over plain HTTP: a malformed signature gets the status and
 * the XML error S3 gives it, and nothing is stored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefusedRequestTest {
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final String PAYLOAD = "a corpus file";
  private static final String SIGNATURE = "0123456789abcdef".repeat(4);

  private final HttpClient http = HttpClient.newHttpClient();
  private RunningLocalS3 s3;

  @BeforeAll
  void start() {
    s3 = new RunningLocalS3();
  }

  @AfterAll
  void stop() {
    s3.close();
  }

  /** A PUT whose parts a case replaces: headers by name (null removes one), and a query string. */
  private record Put(Map<String, String> headers, String query, String body) {
    static Put wellFormed(Instant time) {
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("x-amz-date", AMZ_DATE.format(time));
      headers.put("x-amz-content-sha256", sha256(PAYLOAD));
      headers.put("Authorization", authorization(credential(time), SIGNATURE));
      return new Put(headers, "", PAYLOAD);
    }

    Put with(String header, String value) {
      Map<String, String> changed = new LinkedHashMap<>(headers);
      if (value == null) {
        changed.remove(header);
      } else {
        changed.put(header, value);
      }
      return new Put(changed, query, body);
    }

    Put withQuery(String query) {
      return new Put(headers, query, body);
    }
  }

  static Stream<Arguments> malformed() {
    Instant now = Instant.now();
    Put put = Put.wellFormed(now);
    String credential = credential(now);
    String day = credential.split("/")[1];
    Put presigned =
        put.with("Authorization", null).with("x-amz-date", null).with("x-amz-content-sha256", null);
    return Stream.of(
        Arguments.of(
            "an authorization scheme S3 does not know",
            put.with("Authorization", "Bearer abc"),
            400,
            "InvalidArgument"),
        Arguments.of(
            "SigV4 with a credential only",
            put.with("Authorization", "AWS4-HMAC-SHA256 Credential=" + credential),
            400,
            "AuthorizationHeaderMalformed"),
        Arguments.of(
            "a component without a value",
            put.with(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=" + credential + ", SignedHeaders=host, Signature"),
            400,
            "AuthorizationHeaderMalformed"),
        Arguments.of(
            "a credential of three parts",
            put.with("Authorization", authorization("test/" + day + "/us-east-1", SIGNATURE)),
            400,
            "AuthorizationHeaderMalformed"),
        Arguments.of(
            "a credential without an access key id",
            put.with(
                "Authorization",
                authorization("/" + day + "/us-east-1/s3/aws4_request", SIGNATURE)),
            400,
            "AuthorizationHeaderMalformed"),
        Arguments.of(
            "a credential for another service",
            put.with(
                "Authorization",
                authorization("test/" + day + "/us-east-1/dynamodb/aws4_request", SIGNATURE)),
            400,
            "AuthorizationHeaderMalformed"),
        Arguments.of(
            "a credential dated another day than the request",
            put.with(
                "Authorization",
                authorization("test/20200101/us-east-1/s3/aws4_request", SIGNATURE)),
            400,
            "AuthorizationHeaderMalformed"),
        Arguments.of(
            "a signature that is not 64 hex digits",
            put.with("Authorization", authorization(credential, "not-a-signature")),
            403,
            "SignatureDoesNotMatch"),
        Arguments.of("no date", put.with("x-amz-date", null), 403, "AccessDenied"),
        Arguments.of(
            "a request an hour old",
            Put.wellFormed(now.minus(Duration.ofHours(1))),
            403,
            "RequestTimeTooSkewed"),
        Arguments.of(
            "no payload hash", put.with("x-amz-content-sha256", null), 400, "InvalidRequest"),
        Arguments.of(
            "a payload hash that is not one",
            put.with("x-amz-content-sha256", "sha256"),
            400,
            "InvalidArgument"),
        Arguments.of(
            "a payload other than the one signed",
            put.with("x-amz-content-sha256", sha256("another file")),
            400,
            "XAmzContentSHA256Mismatch"),
        Arguments.of(
            "an x-amz header left out of the signature",
            put.with("x-amz-meta-origin", "unsigned"),
            403,
            "AccessDenied"),
        Arguments.of(
            "signature version 2, which S3 no longer accepts for new buckets",
            put.with("Authorization", "AWS test:frJIUN8DYpKDtOLCwo//yllqDzg="),
            400,
            "InvalidRequest"),
        Arguments.of("no credentials at all", presigned, 403, "AccessDenied"),
        Arguments.of(
            "a presigned URL that has expired",
            presigned.withQuery(presignedQuery(now.minus(Duration.ofHours(2)), 3600)),
            403,
            "AccessDenied"),
        Arguments.of(
            "a presigned URL valid for more than a week",
            presigned.withQuery(presignedQuery(now, 8 * 24 * 3600)),
            400,
            "AuthorizationQueryParametersError"),
        Arguments.of(
            "a presigned URL that also carries an Authorization header",
            put.withQuery(presignedQuery(now, 3600)),
            400,
            "InvalidArgument"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void aMalformedSignatureIsRefusedWithS3sErrorAndNothingIsStored(
      String description, Put put, int status, String code) throws Exception {
    String key = "malformed/" + UUID.randomUUID() + ".txt";
    URI uri =
        URI.create(
            s3.endpoint()
                + "/"
                + RunningLocalS3.BUCKET
                + "/"
                + key
                + (put.query().isEmpty() ? "" : "?" + put.query()));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).PUT(HttpRequest.BodyPublishers.ofString(put.body()));
    put.headers().forEach(request::header);

    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());

    assertEquals(status, response.statusCode(), response.body());
    assertTrue(
        response.headers().firstValue("Content-Type").orElse("").startsWith("application/xml"),
        response.headers().toString());
    assertTrue(
        response.body().startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"),
        response.body());
    assertTrue(response.body().contains("<Code>" + code + "</Code>"), response.body());
    assertTrue(response.body().contains("<Message>"), response.body());
    assertNothingStoredAt(key);
  }

  @Test
  void aRefusedHeadGetsItsStatusWithoutABody() throws Exception {
    Instant now = Instant.now();
    HttpRequest head =
        HttpRequest.newBuilder(URI.create(s3.endpoint() + "/" + RunningLocalS3.BUCKET + "/any"))
            .method("HEAD", HttpRequest.BodyPublishers.noBody())
            .header("x-amz-date", AMZ_DATE.format(now))
            .header("x-amz-content-sha256", sha256(""))
            .header("Authorization", authorization(credential(now), "short"))
            .build();

    HttpResponse<String> response = http.send(head, HttpResponse.BodyHandlers.ofString());

    assertEquals(403, response.statusCode());
    assertEquals("", response.body());
  }

  @Test
  void aBrowserFormUploadIsRefusedAsNotImplementedAndNothingIsStored() throws Exception {
    String key = "forms/" + UUID.randomUUID() + ".txt";
    String boundary = "newsindex-" + UUID.randomUUID();
    String form =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\n"
            + key
            + "\r\n--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\n"
            + PAYLOAD
            + "\r\n--"
            + boundary
            + "--\r\n";
    HttpRequest post =
        HttpRequest.newBuilder(URI.create(s3.endpoint() + "/" + RunningLocalS3.BUCKET))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();

    HttpResponse<String> response = http.send(post, HttpResponse.BodyHandlers.ofString());

    assertEquals(501, response.statusCode(), response.body());
    assertTrue(response.body().contains("<Code>NotImplemented</Code>"), response.body());
    assertNothingStoredAt(key);
  }

  private void assertNothingStoredAt(String key) {
    try (S3Client client = s3.client("test", "test", "us-east-1")) {
      assertEquals(
          0,
          client.listObjectsV2(r -> r.bucket(RunningLocalS3.BUCKET).prefix(key)).contents().size());
    }
    assertTrue(s3.changes().stream().noneMatch(change -> change.key().equals(key)));
  }

  private static String credential(Instant time) {
    return "test/" + AMZ_DATE.format(time).substring(0, 8) + "/us-east-1/s3/aws4_request";
  }

  private static String authorization(String credential, String signature) {
    return "AWS4-HMAC-SHA256 Credential="
        + credential
        + ", SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature="
        + signature;
  }

  private static String presignedQuery(Instant time, long expiresSeconds) {
    return "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential="
        + URLEncoder.encode(credential(time), StandardCharsets.UTF_8)
        + "&X-Amz-Date="
        + AMZ_DATE.format(time)
        + "&X-Amz-Expires="
        + expiresSeconds
        + "&X-Amz-SignedHeaders=host&X-Amz-Signature="
        + SIGNATURE;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
