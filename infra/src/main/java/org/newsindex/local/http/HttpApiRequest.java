package org.newsindex.local.http;

import java.util.List;
import java.util.Map;

/**
 * An HTTP request as the gateway received it, before it becomes a payload 2.0 event.
 *
 * @param path the request path, percent-decoded (HTTP APIs hand functions a decoded path)
 * @param rawQueryString the query string as sent, without {@code ?}, or empty
 * @param headers header names as sent, with every value of each
 */
record HttpApiRequest(
    String method,
    String path,
    String rawQueryString,
    Map<String, List<String>> headers,
    byte[] body,
    String sourceIp,
    String protocol) {}
