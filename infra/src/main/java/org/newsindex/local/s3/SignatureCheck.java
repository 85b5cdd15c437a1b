package org.newsindex.local.s3;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The local S3's check of a request's AWS signature, which accepts every access key with any
 * secret, as dynalite and LocalStack do. A secret nobody registered cannot recompute a signature,
 * so the signature itself is only checked to be one (64 hex digits); everything else S3 checks
 * without the secret is checked as S3 checks it, and refused with S3's error: the Authorization
 * header or the presigned URL's parameters and their credential scope, the date and its skew, a
 * presigned URL's expiry, the payload hash header, and that every {@code x-amz-*} header is signed.
 * Signature version 2, which S3 refuses for buckets created since 2020, is refused too. The region
 * is not checked, so a client signs for whichever region its profile names.
 */
final class SignatureCheck {
  static final String ALGORITHM = "AWS4-HMAC-SHA256";
  static final Duration MAX_SKEW = Duration.ofMinutes(15);
  static final long MAX_EXPIRES_SECONDS = 7 * 24 * 3600;

  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
          .withZone(ZoneOffset.UTC)
          .withResolverStyle(ResolverStyle.STRICT);
  private static final DateTimeFormatter ISO_SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final Pattern SIGNATURE = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
  private static final Set<String> PAYLOAD_MODES =
      Set.of(
          "UNSIGNED-PAYLOAD",
          "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
          "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
          "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
          "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD",
          "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER");

  /** Where the credential scope came from, which decides S3's error code and message prefix. */
  private enum Carrier {
    HEADER("AuthorizationHeaderMalformed", "The authorization header is malformed; "),
    QUERY("AuthorizationQueryParametersError", "Error parsing the X-Amz-Credential parameter; ");

    final String code;
    final String prefix;

    Carrier(String code, String prefix) {
      this.code = code;
      this.prefix = prefix;
    }

    SignatureRefusedException malformed(String detail) {
      return new SignatureRefusedException(400, code, prefix + detail);
    }
  }

  /** What is checked of {@code <access key id>/<yyyyMMdd>/<region>/s3/aws4_request}. */
  private record Scope(String accessKeyId, String day) {}

  private final Clock clock;

  SignatureCheck(Clock clock) {
    this.clock = clock;
  }

  /**
   * @return what was accepted; a request without any signature is accepted only as a CORS
   *     preflight, and a browser form upload (signed in its body) is refused as not implemented
   * @throws SignatureRefusedException with S3's answer to the request
   */
  AcceptedSignature check(S3RequestHead request) throws SignatureRefusedException {
    Optional<String> authorization = request.header("authorization");
    boolean queryV4 = request.parameter("X-Amz-Algorithm").isPresent();
    boolean queryV2 =
        request.parameter("Signature").isPresent()
            || request.parameter("AWSAccessKeyId").isPresent();
    int mechanisms = (authorization.isPresent() ? 1 : 0) + (queryV4 ? 1 : 0) + (queryV2 ? 1 : 0);
    if (mechanisms > 1) {
      throw new SignatureRefusedException(
          400,
          "InvalidArgument",
          "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature"
              + " query string parameter or the Authorization header should be specified");
    }
    if (authorization.isPresent()) {
      return checkHeader(request, authorization.get());
    }
    if (queryV4) {
      return checkQuery(request);
    }
    if (queryV2) {
      throw signatureVersion2();
    }
    if (request.method().equals("OPTIONS")) {
      return AcceptedSignature.unsigned();
    }
    if (isFormUpload(request)) {
      // S3Proxy serves form uploads only when it checks signatures itself, with its one secret.
      throw new SignatureRefusedException(
          501,
          "NotImplemented",
          "The local S3 does not take browser form uploads (POST with a policy): upload with PUT,"
              + " as the SDKs, the AWS CLI and presigned URLs do.");
    }
    throw new SignatureRefusedException(403, "AccessDenied", "Access Denied");
  }

  private AcceptedSignature checkHeader(S3RequestHead request, String authorization)
      throws SignatureRefusedException {
    String scheme = authorization.split(" ", 2)[0];
    if (scheme.equals("AWS")) {
      throw signatureVersion2();
    }
    if (!scheme.equals(ALGORITHM)) {
      throw new SignatureRefusedException(
          400,
          "InvalidArgument",
          "Unsupported Authorization Type",
          "ArgumentName",
          "Authorization",
          "ArgumentValue",
          authorization);
    }
    Map<String, String> components = components(authorization.substring(scheme.length()));
    String credential = components.get("Credential");
    String signedHeaders = components.get("SignedHeaders");
    String signature = components.get("Signature");
    if (credential == null || signedHeaders == null || signature == null) {
      throw Carrier.HEADER.malformed(
          "the authorization header requires three components: Credential, SignedHeaders, and"
              + " Signature.");
    }
    Scope scope = scope(credential, Carrier.HEADER);
    Instant time = headerTime(request);
    requireSameDay(scope, time, Carrier.HEADER);
    Instant now = clock.instant();
    if (Duration.between(time, now).abs().compareTo(MAX_SKEW) > 0) {
      throw new SignatureRefusedException(
          403,
          "RequestTimeTooSkewed",
          "The difference between the request time and the current time is too large.",
          "RequestTime",
          ISO_SECONDS.format(time),
          "ServerTime",
          ISO_SECONDS.format(now),
          "MaxAllowedSkewMilliseconds",
          Long.toString(MAX_SKEW.toMillis()));
    }
    String payloadHash =
        request
            .header("x-amz-content-sha256")
            .orElseThrow(
                () ->
                    new SignatureRefusedException(
                        400,
                        "InvalidRequest",
                        "Missing required header for this request: x-amz-content-sha256"));
    boolean hashed = SHA256.matcher(payloadHash).matches();
    if (!hashed && !PAYLOAD_MODES.contains(payloadHash)) {
      throw new SignatureRefusedException(
          400,
          "InvalidArgument",
          "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER,"
              + " STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER,"
              + " STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD,"
              + " STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER or a valid sha256 value.",
          "ArgumentName",
          "x-amz-content-sha256",
          "ArgumentValue",
          payloadHash);
    }
    requireSigned(request, signedHeaders);
    requireSignatureShape(scope, signature);
    return new AcceptedSignature(
        Optional.of(scope.accessKeyId()),
        hashed ? Optional.of(payloadHash.toLowerCase()) : Optional.empty());
  }

  private AcceptedSignature checkQuery(S3RequestHead request) throws SignatureRefusedException {
    if (!request.parameter("X-Amz-Algorithm").orElseThrow().equals(ALGORITHM)) {
      throw queryError("X-Amz-Algorithm only supports \"" + ALGORITHM + "\"");
    }
    Map<String, String> parameters = new HashMap<>();
    for (String name :
        List.of(
            "X-Amz-Credential",
            "X-Amz-Date",
            "X-Amz-Expires",
            "X-Amz-SignedHeaders",
            "X-Amz-Signature")) {
      Optional<String> value = request.parameter(name);
      if (value.isEmpty()) {
        throw queryError(
            "Query-string authentication version 4 requires the X-Amz-Algorithm,"
                + " X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and"
                + " X-Amz-Expires parameters.");
      }
      parameters.put(name, value.get());
    }
    Scope scope = scope(parameters.get("X-Amz-Credential"), Carrier.QUERY);
    Instant time =
        amzDate(parameters.get("X-Amz-Date"))
            .orElseThrow(
                () ->
                    queryError(
                        "X-Amz-Date must be in the ISO8601 Long Format"
                            + " \"yyyyMMdd'T'HHmmss'Z'\""));
    requireSameDay(scope, time, Carrier.QUERY);
    long expires;
    try {
      expires = Long.parseLong(parameters.get("X-Amz-Expires"));
    } catch (NumberFormatException e) {
      throw queryError("X-Amz-Expires should be a number");
    }
    if (expires < 0) {
      throw queryError("X-Amz-Expires must be non-negative");
    }
    if (expires > MAX_EXPIRES_SECONDS) {
      throw queryError(
          "X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires"
              + " must be less than "
              + MAX_EXPIRES_SECONDS
              + " seconds");
    }
    Instant now = clock.instant();
    if (now.isBefore(time.minus(MAX_SKEW))) {
      throw new SignatureRefusedException(403, "AccessDenied", "Request is not valid yet");
    }
    Instant expiry = time.plusSeconds(expires);
    if (now.isAfter(expiry)) {
      throw new SignatureRefusedException(
          403,
          "AccessDenied",
          "Request has expired",
          "X-Amz-Expires",
          Long.toString(expires),
          "Expires",
          ISO_SECONDS.format(expiry),
          "ServerTime",
          ISO_SECONDS.format(now));
    }
    requireSigned(request, parameters.get("X-Amz-SignedHeaders"));
    requireSignatureShape(scope, parameters.get("X-Amz-Signature"));
    return new AcceptedSignature(Optional.of(scope.accessKeyId()), Optional.empty());
  }

  /** The {@code name=value} components after the algorithm, separated by commas. */
  private static Map<String, String> components(String text) throws SignatureRefusedException {
    Map<String, String> components = new HashMap<>();
    for (String component : text.split(",")) {
      String trimmed = component.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      int equals = trimmed.indexOf('=');
      if (equals <= 0) {
        throw Carrier.HEADER.malformed(
            "the authorization component \"" + trimmed + "\" is malformed.");
      }
      components.put(trimmed.substring(0, equals), trimmed.substring(equals + 1));
    }
    return components;
  }

  private static Scope scope(String credential, Carrier carrier) throws SignatureRefusedException {
    String[] parts = credential.split("/", -1);
    if (parts.length != 5 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
      throw carrier.malformed(
          "the Credential is mal-formed; expecting"
              + " \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
    }
    if (!parts[3].equals("s3")) {
      throw carrier.malformed(
          "incorrect service \"" + parts[3] + "\". This endpoint belongs to \"s3\".");
    }
    if (!parts[4].equals("aws4_request")) {
      throw carrier.malformed(
          "incorrect terminal \"" + parts[4] + "\". This endpoint uses \"aws4_request\".");
    }
    return new Scope(parts[0], parts[1]);
  }

  /** The request's time: its x-amz-date header, or else its Date header. */
  private static Instant headerTime(S3RequestHead request) throws SignatureRefusedException {
    Optional<Instant> time =
        request.header("x-amz-date").isPresent()
            ? amzDate(request.header("x-amz-date").get())
            : request.header("date").flatMap(SignatureCheck::httpDate);
    return time.orElseThrow(
        () ->
            new SignatureRefusedException(
                403,
                "AccessDenied",
                "AWS authentication requires a valid Date or x-amz-date header"));
  }

  private static void requireSameDay(Scope scope, Instant time, Carrier carrier)
      throws SignatureRefusedException {
    String day = AMZ_DATE.format(time).substring(0, 8);
    if (!scope.day().equals(day)) {
      throw carrier.malformed(
          "Invalid credential date \""
              + scope.day()
              + "\". This date is not the same as X-Amz-Date: \""
              + day
              + "\".");
    }
  }

  /**
   * S3 refuses a request with an {@code x-amz-*} header its signature does not cover (the payload
   * hash header excepted), since such a header could have been added by anyone on the way.
   */
  private static void requireSigned(S3RequestHead request, String signedHeaders)
      throws SignatureRefusedException {
    Set<String> signed = Set.copyOf(Arrays.asList(signedHeaders.toLowerCase().split(";")));
    List<String> unsigned =
        request.headers().keySet().stream()
            .filter(name -> name.startsWith("x-amz-"))
            .filter(name -> !name.equals("x-amz-content-sha256"))
            .filter(name -> !signed.contains(name))
            .toList();
    if (!unsigned.isEmpty()) {
      throw new SignatureRefusedException(
          403,
          "AccessDenied",
          "There were headers present in the request which were not signed",
          "HeadersNotSigned",
          String.join(", ", unsigned));
    }
  }

  /** No secret makes a signature other than 64 lower-case hex digits, so S3 finds no match. */
  private static void requireSignatureShape(Scope scope, String signature)
      throws SignatureRefusedException {
    if (!SIGNATURE.matcher(signature).matches()) {
      throw new SignatureRefusedException(
          403,
          "SignatureDoesNotMatch",
          "The request signature we calculated does not match the signature you provided. Check"
              + " your key and signing method.",
          "AWSAccessKeyId",
          scope.accessKeyId(),
          "SignatureProvided",
          signature);
    }
  }

  private static boolean isFormUpload(S3RequestHead request) {
    return request.method().equals("POST")
        && request
            .header("content-type")
            .map(type -> type.toLowerCase().startsWith("multipart/form-data"))
            .orElse(false);
  }

  private static SignatureRefusedException signatureVersion2() {
    return new SignatureRefusedException(
        400,
        "InvalidRequest",
        "The authorization mechanism you have provided is not supported. Please use "
            + ALGORITHM
            + ".");
  }

  private static SignatureRefusedException queryError(String message) {
    return new SignatureRefusedException(400, "AuthorizationQueryParametersError", message);
  }

  private static Optional<Instant> amzDate(String text) {
    try {
      return Optional.of(Instant.from(AMZ_DATE.parse(text)));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<Instant> httpDate(String text) {
    try {
      return Optional.of(
          ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }
}
