package org.newsindex.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 request written byte for byte on a socket, for request targets no HTTP client sends
 * as they are (raw {@code "}, {@code \}, {@code ^} or UTF-8 bytes in a query, invalid
 * percent-encodings), and the response read back.
 */
final class RawHttp {
  /** A response: status, headers by lower-case name, and the body decoded as UTF-8. */
  record Response(int status, Map<String, List<String>> headers, String body) {
    String header(String name) {
      List<String> values = headers.getOrDefault(name, List.of());
      return values.isEmpty() ? "" : values.get(0);
    }
  }

  private RawHttp() {}

  /**
   * Sends {@code GET target} (the target's bytes as they are) to the API and reads the answer.
   *
   * @param timeoutMillis how long the answer may take before the read fails
   */
  static Response get(URI api, byte[] target, int timeoutMillis) throws IOException {
    return send(api, "GET", target, timeoutMillis);
  }

  static Response send(URI api, String method, byte[] target, int timeoutMillis)
      throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(api.getHost(), api.getPort()), timeoutMillis);
      socket.setSoTimeout(timeoutMillis);
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      head.writeBytes((method + " ").getBytes(StandardCharsets.US_ASCII));
      head.writeBytes(target);
      head.writeBytes(
          (" HTTP/1.1\r\nHost: "
                  + api.getHost()
                  + ":"
                  + api.getPort()
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      OutputStream out = socket.getOutputStream();
      out.write(head.toByteArray());
      out.flush();
      return read(socket.getInputStream());
    }
  }

  private static Response read(InputStream in) throws IOException {
    byte[] all = in.readAllBytes();
    int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    if (end < 0) {
      throw new IOException(
          "no complete response head in: " + new String(all, StandardCharsets.ISO_8859_1));
    }
    String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers
          .computeIfAbsent(
              lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(lines[i].substring(colon + 1).trim());
    }
    int from = end + 4;
    String length = headers.getOrDefault("content-length", List.of("")).get(0);
    int to = length.isEmpty() ? all.length : Math.min(all.length, from + Integer.parseInt(length));
    return new Response(status, headers, new String(all, from, to - from, StandardCharsets.UTF_8));
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
