package org.newsindex.local.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Test function: answers an HTTP event with the event itself, byte for byte as the function
 * received it (base64 in the response, so the gateway hands the client the exact bytes).
 */
public final class EventEchoHandler implements RequestStreamHandler {
  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    String event = Base64.getEncoder().encodeToString(input.readAllBytes());
    String response =
        "{\"statusCode\":200,\"headers\":{\"content-type\":\"application/json\"},"
            + "\"isBase64Encoded\":true,\"body\":\""
            + event
            + "\"}";
    output.write(response.getBytes(StandardCharsets.UTF_8));
  }
}
