package org.newsindex.local.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignatureCheckTest {
  private static final Instant NOW = Instant.parse("2026-03-14T12:00:00Z");
  private static final String SIGNATURE = "0123456789abcdef".repeat(4);
  private static final String CREDENTIAL = "AKIDEXAMPLE/20260314/eu-west-1/s3/aws4_request";
  private static final String EMPTY_SHA256 =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  private final SignatureCheck check = new SignatureCheck(Clock.fixed(NOW, ZoneOffset.UTC));

  private static Map<String, String> signedHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Host", "127.0.0.1:9000");
    headers.put("X-Amz-Date", "20260314T120000Z");
    headers.put("X-Amz-Content-SHA256", EMPTY_SHA256);
    headers.put(
        "Authorization",
        "AWS4-HMAC-SHA256 Credential="
            + CREDENTIAL
            + ",SignedHeaders=host;x-amz-content-sha256;x-amz-date,Signature="
            + SIGNATURE);
    return headers;
  }

  private static S3RequestHead get(Map<String, String> headers) {
    return new S3RequestHead("GET", headers, Map.of());
  }

  private static S3RequestHead with(String header, String value) {
    Map<String, String> headers = signedHeaders();
    headers.remove(header);
    if (value != null) {
      headers.put(header, value);
    }
    return get(headers);
  }

  private static Map<String, String> presigned(String date, String expires) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
    query.put("X-Amz-Credential", CREDENTIAL);
    query.put("X-Amz-Date", date);
    query.put("X-Amz-Expires", expires);
    query.put("X-Amz-SignedHeaders", "host");
    query.put("X-Amz-Signature", SIGNATURE);
    return query;
  }

  private SignatureRefusedException refused(S3RequestHead request) {
    return assertThrows(SignatureRefusedException.class, () -> check.check(request));
  }

  @Test
  void aHeaderSignatureFromAnyKeyIsAcceptedWithThePayloadHashItNames() throws Exception {
    AcceptedSignature accepted = check.check(get(signedHeaders()));

    assertEquals(Optional.of("AKIDEXAMPLE"), accepted.accessKeyId());
    assertEquals(Optional.of(EMPTY_SHA256), accepted.payloadSha256());
  }

  @Test
  void anUnsignedOrStreamingPayloadLeavesNoHashToVerify() throws Exception {
    assertEquals(
        Optional.empty(),
        check.check(with("X-Amz-Content-SHA256", "UNSIGNED-PAYLOAD")).payloadSha256());
    assertEquals(
        Optional.empty(),
        check
            .check(with("X-Amz-Content-SHA256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"))
            .payloadSha256());
  }

  @Test
  void anUpperCasePayloadHashIsComparedInLowerCase() throws Exception {
    assertEquals(
        Optional.of(EMPTY_SHA256),
        check.check(with("X-Amz-Content-SHA256", EMPTY_SHA256.toUpperCase())).payloadSha256());
  }

  @Test
  void theDateHeaderStandsInForXAmzDate() throws Exception {
    Map<String, String> headers = signedHeaders();
    headers.remove("X-Amz-Date");
    headers.put("Date", "Sat, 14 Mar 2026 12:05:00 GMT");
    headers.put(
        "Authorization",
        "AWS4-HMAC-SHA256 Credential="
            + CREDENTIAL
            + ", SignedHeaders=date;host;x-amz-content-sha256, Signature="
            + SIGNATURE);

    assertEquals(Optional.of("AKIDEXAMPLE"), check.check(get(headers)).accessKeyId());
  }

  @Test
  void fifteenMinutesOfSkewArePassedAndOneSecondMoreIsNot() throws Exception {
    check.check(with("X-Amz-Date", "20260314T121500Z"));
    check.check(with("X-Amz-Date", "20260314T114500Z"));

    SignatureRefusedException late = refused(with("X-Amz-Date", "20260314T121501Z"));
    SignatureRefusedException early = refused(with("X-Amz-Date", "20260314T114459Z"));

    assertEquals("RequestTimeTooSkewed", late.code());
    assertEquals(403, late.status());
    assertEquals("2026-03-14T12:15:01Z", late.details().get("RequestTime"));
    assertEquals("2026-03-14T12:00:00Z", late.details().get("ServerTime"));
    assertEquals("900000", late.details().get("MaxAllowedSkewMilliseconds"));
    assertEquals("RequestTimeTooSkewed", early.code());
  }

  @Test
  void anUnparseableDateIsAnAccessDenied() {
    SignatureRefusedException refused = refused(with("X-Amz-Date", "2026-03-14T12:00:00Z"));

    assertEquals(403, refused.status());
    assertEquals("AccessDenied", refused.code());
    assertEquals(
        "AWS authentication requires a valid Date or x-amz-date header", refused.getMessage());
  }

  @Test
  void aCredentialDatedAnotherDayNamesBothDays() {
    Map<String, String> headers = signedHeaders();
    headers.put("Authorization", headers.get("Authorization").replace("/20260314/", "/20260313/"));

    SignatureRefusedException refused = refused(get(headers));

    assertEquals(400, refused.status());
    assertEquals("AuthorizationHeaderMalformed", refused.code());
    assertEquals(
        "The authorization header is malformed; Invalid credential date \"20260313\". This date"
            + " is not the same as X-Amz-Date: \"20260314\".",
        refused.getMessage());
  }

  @Test
  void malformedAuthorizationHeadersGetS3sMessages() {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put(
        "AWS4-HMAC-SHA256 Credential=" + CREDENTIAL + ", Signature=" + SIGNATURE,
        "The authorization header is malformed; the authorization header requires three"
            + " components: Credential, SignedHeaders, and Signature.");
    expected.put(
        "AWS4-HMAC-SHA256 Credential=" + CREDENTIAL + " SignedHeaders=host Signature=" + SIGNATURE,
        "The authorization header is malformed; the authorization header requires three"
            + " components: Credential, SignedHeaders, and Signature.");
    expected.put(
        "AWS4-HMAC-SHA256 Credential=" + CREDENTIAL + ", SignedHeaders, Signature=" + SIGNATURE,
        "The authorization header is malformed; the authorization component \"SignedHeaders\" is"
            + " malformed.");
    expected.put(
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260314/eu-west-1/s3, SignedHeaders=host,"
            + " Signature="
            + SIGNATURE,
        "The authorization header is malformed; the Credential is mal-formed; expecting"
            + " \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
    expected.put(
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260314/eu-west-1/sqs/aws4_request,"
            + " SignedHeaders=host, Signature="
            + SIGNATURE,
        "The authorization header is malformed; incorrect service \"sqs\". This endpoint belongs"
            + " to \"s3\".");
    expected.put(
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260314/eu-west-1/s3/aws5_request,"
            + " SignedHeaders=host, Signature="
            + SIGNATURE,
        "The authorization header is malformed; incorrect terminal \"aws5_request\". This"
            + " endpoint uses \"aws4_request\".");

    expected.forEach(
        (authorization, message) -> {
          SignatureRefusedException refused = refused(with("Authorization", authorization));
          assertEquals(400, refused.status(), authorization);
          assertEquals("AuthorizationHeaderMalformed", refused.code(), authorization);
          assertEquals(message, refused.getMessage(), authorization);
        });
  }

  @Test
  void anUnknownSchemeIsAnInvalidArgumentNamingTheHeader() {
    SignatureRefusedException refused = refused(with("Authorization", "Basic dGVzdDp0ZXN0"));

    assertEquals(400, refused.status());
    assertEquals("InvalidArgument", refused.code());
    assertEquals("Unsupported Authorization Type", refused.getMessage());
    assertEquals(
        Map.of("ArgumentName", "Authorization", "ArgumentValue", "Basic dGVzdDp0ZXN0"),
        refused.details());
  }

  @Test
  void signatureVersion2IsRefusedAsS3RefusesItForNewBuckets() {
    SignatureRefusedException header =
        refused(with("Authorization", "AWS AKIDEXAMPLE:frJIUN8DYpKDtOLCwo//yllqDzg="));
    SignatureRefusedException query =
        refused(
            new S3RequestHead(
                "GET",
                Map.of(),
                Map.of(
                    "AWSAccessKeyId", "AKIDEXAMPLE",
                    "Expires", "1773500000",
                    "Signature", "frJIUN8DYpKDtOLCwo//yllqDzg=")));

    for (SignatureRefusedException refused : new SignatureRefusedException[] {header, query}) {
      assertEquals(400, refused.status());
      assertEquals("InvalidRequest", refused.code());
      assertEquals(
          "The authorization mechanism you have provided is not supported. Please use"
              + " AWS4-HMAC-SHA256.",
          refused.getMessage());
    }
  }

  @Test
  void aSignatureNoSecretCouldProduceDoesNotMatch() {
    for (String signature : new String[] {"abc", SIGNATURE.toUpperCase(), SIGNATURE + "0", ""}) {
      Map<String, String> headers = signedHeaders();
      headers.put("Authorization", headers.get("Authorization").replace(SIGNATURE, signature));

      SignatureRefusedException refused = refused(get(headers));

      assertEquals(403, refused.status(), signature);
      assertEquals("SignatureDoesNotMatch", refused.code(), signature);
      assertEquals("AKIDEXAMPLE", refused.details().get("AWSAccessKeyId"));
    }
  }

  @Test
  void theSignedPayloadHashMustBeThereAndBeOne() {
    SignatureRefusedException missing = refused(with("X-Amz-Content-SHA256", null));
    SignatureRefusedException invalid = refused(with("X-Amz-Content-SHA256", "UNSIGNED"));

    assertEquals(400, missing.status());
    assertEquals("InvalidRequest", missing.code());
    assertEquals(
        "Missing required header for this request: x-amz-content-sha256", missing.getMessage());
    assertEquals(400, invalid.status());
    assertEquals("InvalidArgument", invalid.code());
    assertEquals("UNSIGNED", invalid.details().get("ArgumentValue"));
  }

  @Test
  void everyXAmzHeaderButThePayloadHashMustBeSigned() throws Exception {
    Map<String, String> headers = signedHeaders();
    headers.put("x-amz-meta-author", "someone");
    headers.put("X-Amz-Copy-Source", "/other/key");

    SignatureRefusedException refused = refused(get(headers));

    assertEquals(403, refused.status());
    assertEquals("AccessDenied", refused.code());
    assertEquals(
        "There were headers present in the request which were not signed", refused.getMessage());
    assertEquals(
        Map.of("HeadersNotSigned", "x-amz-copy-source, x-amz-meta-author"), refused.details());
    Map<String, String> hashUnsigned = signedHeaders();
    hashUnsigned.put(
        "Authorization",
        hashUnsigned.get("Authorization").replace("host;x-amz-content-sha256;", "host;"));
    check.check(get(hashUnsigned));
  }

  @Test
  void aPresignedUrlFromAnyKeyIsAcceptedUntilItExpires() throws Exception {
    AcceptedSignature accepted =
        check.check(new S3RequestHead("GET", Map.of(), presigned("20260314T110000Z", "3600")));
    SignatureRefusedException expired =
        refused(new S3RequestHead("GET", Map.of(), presigned("20260314T105959Z", "3600")));

    assertEquals(Optional.of("AKIDEXAMPLE"), accepted.accessKeyId());
    assertEquals(Optional.empty(), accepted.payloadSha256());
    assertEquals(403, expired.status());
    assertEquals("AccessDenied", expired.code());
    assertEquals("Request has expired", expired.getMessage());
    assertEquals("2026-03-14T11:59:59Z", expired.details().get("Expires"));
  }

  @Test
  void aPresignedUrlIsValidForAWeekAtMost() throws Exception {
    check.check(new S3RequestHead("GET", Map.of(), presigned("20260314T120000Z", "604800")));

    SignatureRefusedException refused =
        refused(new S3RequestHead("GET", Map.of(), presigned("20260314T120000Z", "604801")));

    assertEquals(400, refused.status());
    assertEquals("AuthorizationQueryParametersError", refused.code());
    assertTrue(refused.getMessage().startsWith("X-Amz-Expires must be less than a week"));
  }

  @Test
  void aPresignedUrlFromTheFutureIsNotValidYet() {
    SignatureRefusedException refused =
        refused(new S3RequestHead("GET", Map.of(), presigned("20260314T121600Z", "60")));

    assertEquals(403, refused.status());
    assertEquals("Request is not valid yet", refused.getMessage());
  }

  @Test
  void malformedPresignedParametersGetS3sMessages() {
    Map<Map<String, String>, String> expected = new LinkedHashMap<>();
    Map<String, String> noExpiry = presigned("20260314T120000Z", "60");
    noExpiry.remove("X-Amz-Expires");
    expected.put(
        noExpiry,
        "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential,"
            + " X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.");
    Map<String, String> otherAlgorithm = presigned("20260314T120000Z", "60");
    otherAlgorithm.put("X-Amz-Algorithm", "AWS4-HMAC-SHA1");
    expected.put(otherAlgorithm, "X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"");
    Map<String, String> shortCredential = presigned("20260314T120000Z", "60");
    shortCredential.put("X-Amz-Credential", "AKIDEXAMPLE/20260314");
    expected.put(
        shortCredential,
        "Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting"
            + " \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
    expected.put(
        presigned("2026-03-14", "60"),
        "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
    expected.put(presigned("20260314T120000Z", "soon"), "X-Amz-Expires should be a number");
    expected.put(presigned("20260314T120000Z", "-1"), "X-Amz-Expires must be non-negative");

    expected.forEach(
        (query, message) -> {
          SignatureRefusedException refused = refused(new S3RequestHead("GET", Map.of(), query));
          assertEquals(400, refused.status(), query.toString());
          assertEquals("AuthorizationQueryParametersError", refused.code(), query.toString());
          assertEquals(message, refused.getMessage(), query.toString());
        });
  }

  @Test
  void aHeaderAndAPresignedUrlTogetherAreOneMechanismTooMany() {
    SignatureRefusedException refused =
        refused(new S3RequestHead("GET", signedHeaders(), presigned("20260314T120000Z", "60")));

    assertEquals(400, refused.status());
    assertEquals("InvalidArgument", refused.code());
    assertTrue(refused.getMessage().startsWith("Only one auth mechanism allowed"));
  }

  @Test
  void withoutAnySignatureOnlyACorsPreflightGetsThrough() throws Exception {
    SignatureRefusedException anonymous = refused(new S3RequestHead("GET", Map.of(), Map.of()));
    SignatureRefusedException anonymousPut =
        refused(new S3RequestHead("PUT", Map.of("Content-Type", "text/plain"), Map.of()));

    assertEquals(403, anonymous.status());
    assertEquals("AccessDenied", anonymous.code());
    assertEquals("Access Denied", anonymous.getMessage());
    assertEquals("AccessDenied", anonymousPut.code());
    assertEquals(
        AcceptedSignature.unsigned(),
        check.check(
            new S3RequestHead("OPTIONS", Map.of("Origin", "http://example.com"), Map.of())));
  }

  @Test
  void aBrowserFormUploadIsNotImplementedAndSaysHowToUpload() {
    SignatureRefusedException refused =
        refused(
            new S3RequestHead(
                "POST", Map.of("Content-Type", "multipart/form-data; boundary=x"), Map.of()));

    assertEquals(501, refused.status());
    assertEquals("NotImplemented", refused.code());
    assertTrue(refused.getMessage().contains("upload with PUT"), refused.getMessage());
  }

  @Test
  void theErrorDocumentIsS3sAndEscapesWhatTheRequestSent() {
    SignatureRefusedException refused =
        new SignatureRefusedException(
            400,
            "InvalidArgument",
            "Unsupported Authorization Type",
            "ArgumentName",
            "Authorization",
            "ArgumentValue",
            "<a & \"b\">");

    String xml = refused.xml("0123456789ABCDEF");

    assertEquals(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>InvalidArgument</Code>"
            + "<Message>Unsupported Authorization Type</Message>"
            + "<ArgumentName>Authorization</ArgumentName>"
            + "<ArgumentValue>&lt;a &amp; \"b\"></ArgumentValue>"
            + "<RequestId>0123456789ABCDEF</RequestId></Error>",
        xml);
  }

  @Test
  void skewIsMeasuredAgainstTheClockGiven() throws Exception {
    SignatureCheck later =
        new SignatureCheck(Clock.fixed(NOW.plus(Duration.ofHours(1)), ZoneOffset.UTC));

    SignatureRefusedException refused =
        assertThrows(SignatureRefusedException.class, () -> later.check(get(signedHeaders())));

    assertEquals("RequestTimeTooSkewed", refused.code());
  }
}
