package org.newsindex.local.s3;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the signature check reads of a request: its method, its headers and its query parameters.
 *
 * @param headers header values by lower-case name (the first value of a repeated header)
 * @param query query parameters, decoded, by name as sent (the first value of a repeated one)
 */
record S3RequestHead(String method, Map<String, String> headers, Map<String, String> query) {
  S3RequestHead {
    TreeMap<String, String> lowerCase = new TreeMap<>();
    headers.forEach((name, value) -> lowerCase.putIfAbsent(name.toLowerCase(), value));
    headers = Collections.unmodifiableMap(lowerCase);
    query = Map.copyOf(query);
  }

  Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name));
  }

  Optional<String> parameter(String name) {
    return Optional.ofNullable(query.get(name));
  }
}
