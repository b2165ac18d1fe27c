package dev.taskapi.http;

import java.util.Map;

/**
 * API Gateway's own 401, as template.yaml defines it (the TaskApi's {@code GatewayResponses.UNAUTHORIZED}): the
 * functions answer an expired token that the authorizer's cache let through with exactly what the gateway answers
 * any other bad token. Written here as constants, so no function parses YAML or carries the template;
 * {@code GatewayUnauthorizedTest} reads the template (YAML in test scope only) and fails when the two differ. Only
 * the literal header values ({@code 'Bearer'}) are the gateway's: a function has no request mapping to resolve, and
 * CORS headers come from the function's own {@link Cors}.
 */
final class GatewayUnauthorized {
  static final int STATUS = 401;
  static final String BODY =
      "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
          + "\"detail\":\"A valid bearer token is required.\"}";
  static final Map<String, String> HEADERS =
      Map.of(
          "Access-Control-Expose-Headers", Cors.EXPOSED_HEADERS,
          "WWW-Authenticate", "Bearer",
          "Content-Type", "application/problem+json",
          "Cache-Control", "no-store",
          "X-Content-Type-Options", "nosniff",
          "X-Frame-Options", "DENY",
          "Strict-Transport-Security", "max-age=31536000; includeSubDomains",
          "Referrer-Policy", "no-referrer");
  private static final ApiResponse RESPONSE = new ApiResponse(STATUS, new ApiResponse.Text(BODY), HEADERS);

  private GatewayUnauthorized() {}

  /** The template's UNAUTHORIZED response. */
  static ApiResponse response() {
    return RESPONSE;
  }
}
