package dev.taskapi.local.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a function's proxy response ({@code statusCode}, {@code headers}, {@code multiValueHeaders},
 * {@code body}, {@code isBase64Encoded}) into HTTP, or into nothing when API Gateway would call the response
 * malformed.
 */
final class ProxyResponseMapper {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ProxyResponseMapper() {}

  /** The HTTP reply, or empty for a malformed response (API Gateway's 502). */
  static Optional<HttpReply> toReply(Object output) {
    Map<?, ?> response;
    try {
      response = output instanceof String text ? JSON.readValue(text, Map.class) : JSON.convertValue(output, Map.class);
    } catch (Exception e) {
      return Optional.empty();
    }
    if (response == null || !(response.get("statusCode") instanceof Number status)) {
      return Optional.empty();
    }
    int code = status.intValue();
    if (code < 100 || code > 599) {
      return Optional.empty();
    }
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    if (response.get("multiValueHeaders") instanceof Map<?, ?> multi) {
      multi.forEach((name, values) -> {
        if (values instanceof List<?> list) {
          list.forEach(v -> headers.add(Map.entry(String.valueOf(name), String.valueOf(v))));
        }
      });
    }
    if (response.get("headers") instanceof Map<?, ?> single) {
      // API Gateway merges both maps; a single-value header repeating a multi-value one is sent once.
      single.forEach((name, value) -> {
        Map.Entry<String, String> entry = Map.entry(String.valueOf(name), String.valueOf(value));
        if (value != null && !headers.contains(entry)) {
          headers.add(entry);
        }
      });
    }
    // The REST API's proxy integration answers application/json when the function names no type.
    if (headers.stream().noneMatch(h -> h.getKey().equalsIgnoreCase("Content-Type"))) {
      headers.add(Map.entry("Content-Type", "application/json"));
    }
    Object body = response.get("body");
    byte[] bytes;
    if (body == null) {
      bytes = new byte[0];
    } else if (Boolean.TRUE.equals(response.get("isBase64Encoded"))) {
      try {
        bytes = Base64.getDecoder().decode(String.valueOf(body));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    } else {
      bytes = String.valueOf(body).getBytes(StandardCharsets.UTF_8);
    }
    return Optional.of(new HttpReply(code, headers, bytes));
  }
}
