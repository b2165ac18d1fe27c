package dev.taskapi.http;

import java.util.Map;

/** What a handler answers: a status and a body object that {@link ApiHandler} serializes as JSON. */
public record ApiResponse(int status, Object body, Map<String, String> headers) {
  public ApiResponse {
    headers = Map.copyOf(headers);
  }

  public static ApiResponse ok(Object body) {
    return new ApiResponse(200, body, Map.of());
  }

  public static ApiResponse created(Object body) {
    return new ApiResponse(201, body, Map.of());
  }
}
