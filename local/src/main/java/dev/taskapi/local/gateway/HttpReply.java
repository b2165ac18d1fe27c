package dev.taskapi.local.gateway;

import java.util.List;
import java.util.Map;

/**
 * A response the gateway sends: status, headers (each with all its values, in order) and body.
 */
record HttpReply(int status, List<Map.Entry<String, String>> headers, byte[] body) {
  HttpReply {
    headers = List.copyOf(headers);
  }

  boolean hasHeader(String name) {
    return headers.stream().anyMatch(h -> h.getKey().equalsIgnoreCase(name));
  }
}
