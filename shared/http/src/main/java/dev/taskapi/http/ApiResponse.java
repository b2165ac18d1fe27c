package dev.taskapi.http;

import java.util.Map;

/**
 * What a handler answers: a status and a body object that {@link ApiHandler} serializes as JSON, or a {@link Text}
 * it sends as is.
 */
public record ApiResponse(int status, Object body, Map<String, String> headers) {
  public ApiResponse {
    headers = Map.copyOf(headers);
  }

  /** A body that is not JSON (the docs page and its scripts): sent exactly as given. */
  public record Text(String content) {}

  /** A 200 with a non-JSON body of the given media type, plus any extra headers. */
  public static ApiResponse text(String contentType, String content, Map<String, String> headers) {
    Map<String, String> all = new java.util.HashMap<>(headers);
    all.put("Content-Type", contentType);
    return new ApiResponse(200, new Text(content), all);
  }

  public static ApiResponse ok(Object body) {
    return new ApiResponse(200, body, Map.of());
  }

  public static ApiResponse created(Object body) {
    return new ApiResponse(201, body, Map.of());
  }
}
