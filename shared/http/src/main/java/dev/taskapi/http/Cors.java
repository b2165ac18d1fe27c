package dev.taskapi.http;

import java.util.Map;
import java.util.Optional;

/**
 * CORS for the proxy integration: API Gateway answers the preflight itself (template.yaml, Cors), but the
 * actual response must carry Access-Control-Allow-Origin, and only the function can add it. One configured
 * origin is echoed back; any other origin gets no CORS headers, so browsers refuse to expose the response.
 */
public final class Cors {
  /**
   * The response headers a browser app needs to read: the version for If-Match, whether a create replayed, how long
   * to wait after a 429 or 503, and the 401's challenge. template.yaml's gateway responses expose the same list.
   */
  public static final String EXPOSED_HEADERS =
      EntityTag.ETAG + ", " + IdempotencyKey.REPLAYED_HEADER + ", Retry-After, WWW-Authenticate";

  private final String allowedOrigin;

  public Cors(String allowedOrigin) {
    this.allowedOrigin = allowedOrigin == null ? "" : allowedOrigin.trim();
  }

  public static Cors none() {
    return new Cors("");
  }

  Map<String, String> headersFor(Optional<String> requestOrigin) {
    if (!allowedOrigin.isEmpty() && requestOrigin.filter(allowedOrigin::equals).isPresent()) {
      // Browsers hide response headers outside the CORS-safelisted ones unless they are exposed by name.
      return Map.of(
          "Access-Control-Allow-Origin", allowedOrigin,
          "Access-Control-Expose-Headers", EXPOSED_HEADERS,
          "Vary", "Origin");
    }
    return Map.of();
  }
}
