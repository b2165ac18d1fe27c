package dev.taskapi.local.gateway;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP request as the gateway received it.
 *
 * @param rawPath the path still percent-encoded
 * @param rawQuery the query string still percent-encoded, or null
 * @param headers every header line in arrival order
 */
record IncomingRequest(
    String method,
    String rawPath,
    String rawQuery,
    String protocol,
    List<Map.Entry<String, String>> headers,
    byte[] body,
    String sourceIp) {

  /** The same request with the body read after its head. */
  IncomingRequest withBody(byte[] body) {
    return new IncomingRequest(method, rawPath, rawQuery, protocol, headers, body, sourceIp);
  }

  /** The last value of a header, found case-insensitively, as API Gateway's single-value headers hold. */
  Optional<String> header(String name) {
    String value = null;
    for (Map.Entry<String, String> header : headers) {
      if (header.getKey().equalsIgnoreCase(name)) {
        value = header.getValue();
      }
    }
    return Optional.ofNullable(value);
  }
}
