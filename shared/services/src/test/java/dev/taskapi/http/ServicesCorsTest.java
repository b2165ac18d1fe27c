package dev.taskapi.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.taskapi.services.Services;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Services' CORS from ALLOWED_ORIGIN; in Cors's package, whose header method is package-private. */
class ServicesCorsTest {
  private static final String ORIGIN = "https://app.example.com";

  @Test
  void theOriginNoneMeansNoCrossOriginAccess() {
    Cors none = Services.fromEnvironment(Map.of("ALLOWED_ORIGIN", "none")).cors();
    assertEquals(Map.of(), none.headersFor(Optional.of("none")));
    Cors one = Services.fromEnvironment(Map.of("ALLOWED_ORIGIN", ORIGIN)).cors();
    assertEquals(ORIGIN, one.headersFor(Optional.of(ORIGIN)).get("Access-Control-Allow-Origin"));
  }
}
