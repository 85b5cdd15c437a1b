package org.newsindex.local.s3;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.gaul.shaded.org.eclipse.jetty.server.Request;
import org.gaul.shaded.org.eclipse.jetty.server.handler.HandlerWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Jetty handler in front of S3Proxy's: it applies the {@link SignatureCheck} to every request,
 * answers a refused one with S3's XML error, and holds a signed payload until its SHA-256 matches
 * the one the signature names, so S3Proxy (which runs without authentication) only ever sees
 * requests S3 would have let through to the bucket.
 */
final class SignatureCheckingHandler extends HandlerWrapper {
  private static final Logger LOG = LoggerFactory.getLogger(SignatureCheckingHandler.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SignatureCheck check;
  private final int maxHashedPayload;

  /**
   * @param maxHashedPayload the largest body with a SHA-256 in its signature that is held to be
   *     verified; S3Proxy holds as much when it checks signatures itself
   */
  SignatureCheckingHandler(SignatureCheck check, int maxHashedPayload) {
    this.check = check;
    this.maxHashedPayload = maxHashedPayload;
  }

  @Override
  public void handle(
      String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    HttpServletRequest checked;
    try {
      AcceptedSignature signature = check.check(head(request));
      checked =
          signature.payloadSha256().isPresent()
              ? withVerifiedPayload(request, signature.payloadSha256().get())
              : request;
    } catch (SignatureRefusedException refused) {
      LOG.debug(
          "refused {} {}: {} {}",
          request.getMethod(),
          request.getRequestURI(),
          refused.code(),
          refused.getMessage());
      refuse(request, response, refused);
      baseRequest.setHandled(true);
      return;
    }
    super.handle(target, baseRequest, checked, response);
  }

  private static S3RequestHead head(HttpServletRequest request) {
    Map<String, String> headers = new HashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      headers.putIfAbsent(name, request.getHeader(name));
    }
    // Read from the raw query string: getParameter would read a form body as parameters too.
    Map<String, String> query = new HashMap<>();
    String raw = request.getQueryString();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int equals = pair.indexOf('=');
        String name = equals < 0 ? pair : pair.substring(0, equals);
        String value = equals < 0 ? "" : pair.substring(equals + 1);
        query.putIfAbsent(decode(name), decode(value));
      }
    }
    return new S3RequestHead(request.getMethod(), headers, query);
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text; // not percent-encoding S3 would decode either; compared as sent
    }
  }

  private HttpServletRequest withVerifiedPayload(HttpServletRequest request, String expected)
      throws IOException, SignatureRefusedException {
    byte[] payload;
    try (InputStream body = request.getInputStream()) {
      payload = body.readNBytes(maxHashedPayload + 1);
    }
    if (payload.length > maxHashedPayload) {
      throw new SignatureRefusedException(
          400,
          "MaxMessageLengthExceeded",
          "Your request was too big.",
          "MaxMessageLengthBytes",
          Integer.toString(maxHashedPayload));
    }
    String computed = sha256(payload);
    if (!computed.equals(expected)) {
      throw new SignatureRefusedException(
          400,
          "XAmzContentSHA256Mismatch",
          "The provided 'x-amz-content-sha256' header does not match what was computed.",
          "ClientComputedContentSHA256",
          expected,
          "S3ComputedContentSHA256",
          computed);
    }
    return new HttpServletRequestWrapper(request) {
      @Override
      public ServletInputStream getInputStream() {
        return new HeldPayload(payload);
      }
    };
  }

  private static void refuse(
      HttpServletRequest request, HttpServletResponse response, SignatureRefusedException refused)
      throws IOException {
    String requestId = HexFormat.of().withUpperCase().formatHex(randomBytes(8));
    response.setStatus(refused.status());
    response.setHeader("x-amz-request-id", requestId);
    if (request.getMethod().equals("HEAD")) {
      return; // S3 answers a HEAD with the status alone
    }
    byte[] body = refused.xml(requestId).getBytes(StandardCharsets.UTF_8);
    response.setContentType("application/xml");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  private static String sha256(byte[] payload) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private static byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  /** A body already read and verified, handed to S3Proxy as the request's input stream. */
  private static final class HeldPayload extends ServletInputStream {
    private final ByteArrayInputStream bytes;

    HeldPayload(byte[] payload) {
      this.bytes = new ByteArrayInputStream(payload);
    }

    @Override
    public int read() {
      return bytes.read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      return bytes.read(buffer, offset, length);
    }

    @Override
    public boolean isFinished() {
      return bytes.available() == 0;
    }

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void setReadListener(ReadListener listener) {
      throw new UnsupportedOperationException("the held payload is read synchronously");
    }
  }
}
