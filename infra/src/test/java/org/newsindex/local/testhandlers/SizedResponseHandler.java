package org.newsindex.local.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test function: returns a JSON string whose serialized response is exactly {@code bytes} UTF-8
 * bytes (query parameter), made of two-byte characters when {@code wide=true}.
 */
public final class SizedResponseHandler implements RequestStreamHandler {
  private static final Pattern QUERY = Pattern.compile("\"rawQueryString\":\"([^\"]*)\"");

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    Matcher query = QUERY.matcher(new String(input.readAllBytes(), StandardCharsets.UTF_8));
    long bytes = 0;
    boolean wide = false;
    if (query.find()) {
      for (String pair : query.group(1).split("&")) {
        if (pair.startsWith("bytes=")) {
          bytes = Long.parseLong(pair.substring("bytes=".length()));
        } else if (pair.equals("wide=true")) {
          wide = true;
        }
      }
    }
    long content = bytes - 2; // the quotes of the JSON string
    Writer out = new OutputStreamWriter(output, StandardCharsets.UTF_8);
    out.write('"');
    if (wide) {
      for (long i = 0; i < content / 2; i++) {
        out.write('\u00e9');
      }
      if (content % 2 == 1) {
        out.write('a');
      }
    } else {
      for (long i = 0; i < content; i++) {
        out.write('a');
      }
    }
    out.write('"');
    out.flush();
  }
}
